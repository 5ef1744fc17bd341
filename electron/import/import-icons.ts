// Icons that come with imported accounts: a brand or the letter a source names, kept as the account's
// icon, or a picture file it holds, made into a kept picture (electron/icons/) before the preview. A
// broken icon never costs the account: it comes without it, and the preview says so.
import { createHash } from 'node:crypto';
import type { AccountIcon } from '../../shared/account-icon';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import type { ImportProblem } from '../../shared/import';
import { BrandIcons } from '../icons/brand-icons';
import { iconHash } from '../icons/icon-png';
import { iconPictures } from '../icons/icon-pictures';
import { knownIcon } from '../vault/icon-store';
import type { Found, FoundAccount } from './found';

/** What a source says about an entry's icon. */
export type SourceIcon =
  | Extract<AccountIcon, { kind: 'brand' } | { kind: 'letter' }>
  /** A picture file (PNG, JPEG, WebP, SVG) the source carries. */
  | { kind: 'file'; bytes: Uint8Array };

/** A picture file → the PNG an icon is kept as (the icon worker in the app and the CLI). */
export type MakePicture = (bytes: Uint8Array) => Promise<Uint8Array>;

/** The problem a broken icon makes: the account is imported all the same, without it. */
export function iconProblem(source: string, place: string, error: AuthdeskError): ImportProblem {
  return {
    source,
    code: error.code,
    message: `${error.message} The account is imported without this icon.`,
    detail: place,
    iconOnly: true,
  };
}

/**
 * The account with what `read` says about its icon: a brand or the letter on the account, a
 * picture file held for withIconPictures. An icon that cannot be read (damaged base64, a brand name
 * of the wrong form) is a problem in `problems`, and the account stays as it is.
 */
export function withSourceIcon(
  account: FoundAccount,
  place: string,
  read: (() => SourceIcon | undefined) | undefined,
  problems: ImportProblem[],
): FoundAccount {
  let icon: SourceIcon | undefined;
  try {
    icon = read?.();
  } catch (error) {
    if (!isAuthdeskError(error)) throw error;
    problems.push(iconProblem(account.source, place, error));
    return account;
  }
  if (!icon) return account;
  if (icon.kind === 'file') return { ...account, iconFile: { bytes: icon.bytes, place } };
  const known = knownIcon(icon);
  return known ? { ...account, input: { ...account.input, icon: known } } : account;
}

/**
 * Every picture file the accounts hold made into a kept picture (each distinct file once): the
 * account's icon names it and `pictures` holds it. One that cannot be made (damaged, too large,
 * unsafe) becomes a problem and its account comes without an icon.
 */
export async function withIconPictures(
  found: Found,
  make: MakePicture = (bytes) => iconPictures().picture(bytes),
): Promise<Found> {
  if (!found.accounts.some((account) => account.iconFile)) return found;
  const made = new Map<string, Promise<Uint8Array>>();
  const pictures = new Map(found.pictures ?? []);
  const problems = [...found.problems];
  const accounts: FoundAccount[] = [];
  for (const { iconFile, ...account } of found.accounts) {
    if (!iconFile) {
      accounts.push(account);
      continue;
    }
    const key = createHash('sha256').update(iconFile.bytes).digest('hex');
    if (!made.has(key)) made.set(key, make(iconFile.bytes));
    try {
      const png = await made.get(key)!;
      const hash = iconHash(png);
      pictures.set(hash, png);
      accounts.push({ ...account, input: { ...account.input, icon: { kind: 'image', hash } } });
    } catch (error) {
      if (!isAuthdeskError(error)) throw error;
      accounts.push(account);
      problems.push(iconProblem(account.source, iconFile.place, error));
    }
  }
  return { ...found, accounts, problems, ...(pictures.size > 0 && { pictures }) };
}

let brands: BrandIcons | undefined;

/**
 * The brand icon a source names by a key or a name of its own icon set (Ente's simple-icons key,
 * Authenticator Pro's icon name, 2FAS's and andOTP's service name), when it is one of ours: a
 * simple-icons slug or our badge key as it is, else the brand the window would match from that name
 * alone. undefined otherwise: the account is then matched automatically, as if the source said nothing.
 */
export function namedBrand(name: unknown): SourceIcon | undefined {
  const text = typeof name === 'string' ? name.trim() : '';
  if (text === '' || text.length > 100) return undefined;
  brands ??= new BrandIcons();
  const matcher = brands.matcher();
  const brand = matcher.brand(text.toLowerCase()) ?? matcher.match({ issuer: text, label: '' });
  return brand ? { kind: 'brand', slug: brand.key } : undefined;
}

/** An icon file given as base64 in a source (Aegis, Authenticator Pro); ICON_UNREADABLE if it is not. */
export function base64IconFile(value: unknown): SourceIcon {
  const text = typeof value === 'string' ? value.replace(/\s+/g, '') : '';
  if (text === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new AuthdeskError('ICON_UNREADABLE', 'This entry’s icon is not valid base64 data.');
  }
  return { kind: 'file', bytes: new Uint8Array(Buffer.from(text, 'base64')) };
}
