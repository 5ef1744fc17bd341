// `authdesk icon <query> FILE | --brand SLUG | --letter | --auto`: an account's icon from the terminal,
// through the window's own ways: a picture through the icon use case (decoded in its worker, kept in
// the vault), a brand, the letter or the automatic match through the account's icon patch.
import { displayName, type AccountIcon } from '../../../shared/account';
import { BRAND_SLUG_PATTERN } from '../../../shared/account-icon';
import { AuthdeskError } from '../../../shared/errors';
import { BrandIcons } from '../../icons/brand-icons';
import { AccountIcons, readIconFile } from '../../use-cases/account-icons';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';
import { closest } from '../did-you-mean';
import { findAccount } from '../query';

export interface IconOptions {
  brand?: string;
  letter: boolean;
  auto: boolean;
}

function usage(message: string): AuthdeskError {
  return new AuthdeskError('INVALID_ARGUMENT', message);
}

/** The brand a slug names, checked before any password is asked; a near miss is suggested. */
function brandIcon(slug: string): { icon: AccountIcon; title: string } {
  const key = slug.trim().toLowerCase();
  const matcher = new BrandIcons().matcher();
  const brand = BRAND_SLUG_PATTERN.test(key) ? matcher.brand(key) : undefined;
  if (brand) return { icon: { kind: 'brand', slug: brand.key }, title: brand.title };
  // A typo of a slug ("gitlub"), then brands whose names start with or hold what was typed.
  const every = matcher.search(key.slice(0, 1), 100_000).map((b) => b.key);
  const typo = key ? closest(key, every) : undefined;
  const near = [...new Set([...(typo ? [typo] : []), ...matcher.search(slug, 3).map((b) => b.key)])]
    .slice(0, 3)
    .map((found) => `${found} (${matcher.brand(found)!.title})`);
  throw usage(
    `There is no brand icon "${slug}".` +
      (near.length > 0 ? ` Did you mean ${near.join(', ')}?` : '') +
      ' Brand icons are named by their simple-icons slug, e.g. github, gitlab, dropbox.',
  );
}

export async function iconCommand(
  ctx: CliContext,
  query: string,
  file: string | undefined,
  opts: IconOptions,
): Promise<void> {
  const given = [file !== undefined, opts.brand !== undefined, opts.letter, opts.auto];
  if (given.filter(Boolean).length !== 1) {
    throw usage('Give exactly one of: a picture file, --brand SLUG, --letter or --auto.');
  }
  // What can be checked without the vault is checked before its password is asked.
  const brand = opts.brand === undefined ? undefined : brandIcon(opts.brand);
  const picture = file === undefined ? undefined : await readIconFile(file);
  const vault = await openUnlocked(ctx);
  try {
    const account = findAccount(vault.list(), query);
    const name = displayName(account);
    if (picture !== undefined) {
      // The window's way: the picture is decoded off this thread, fitted, and kept in the vault.
      await new AccountIcons({ vault }).setFromBytes(account.id, picture);
      ctx.out(`"${name}" now shows the picture from ${file}.`);
      return;
    }
    const icon: AccountIcon | null = brand ? brand.icon : opts.letter ? { kind: 'letter' } : null;
    await vault.update(account.id, { icon });
    ctx.out(
      brand
        ? `"${name}" now shows the ${brand.title} icon.`
        : opts.letter
          ? `"${name}" now shows its letter.`
          : `"${name}" now shows the icon matched from its names (or its letter).`,
    );
  } finally {
    vault.lock();
  }
}
