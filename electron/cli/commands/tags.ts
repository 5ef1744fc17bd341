// `authdesk tags` (the vault's tags and how many accounts have each), `tags rename OLD NEW` (to an
// existing name: the two become one) and `tags remove NAME [--yes]` (off every account; no account
// is deleted). The vault's own operations (vault/vault-tags.ts), with the vault password.
import { AuthdeskError } from '../../../shared/errors';
import { checkTagName, sameTag } from '../../../shared/tags';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';
import { table } from '../table';

const accountsText = (n: number) => (n === 1 ? '1 account' : `${n} accounts`);

export async function tagsListCommand(ctx: CliContext, opts: { json: boolean }): Promise<void> {
  const vault = await openUnlocked(ctx);
  const counts = vault.tagCounts();
  vault.lock();
  if (opts.json) {
    ctx.out(JSON.stringify(counts, null, 2));
    return;
  }
  if (counts.length === 0) {
    ctx.out('The vault has no tags yet. Add one with `authdesk add --tag NAME`, or in the app.');
    return;
  }
  for (const line of table(
    ['TAG', 'ACCOUNTS'],
    counts.map((t) => [t.name, String(t.accounts)]),
  )) {
    ctx.out(line);
  }
}

export async function tagsRenameCommand(ctx: CliContext, from: string, to: string): Promise<void> {
  // Names are checked before the password is asked.
  checkTagName(from);
  const wanted = checkTagName(to);
  const vault = await openUnlocked(ctx);
  try {
    const counts = vault.tagCounts();
    const old = counts.find((t) => sameTag(t.name, from));
    if (!old)
      throw notFound(
        from,
        counts.map((t) => t.name),
      );
    const target = counts.find((t) => sameTag(t.name, wanted) && t.name !== old.name);
    const tags = await vault.renameTag(old.name, wanted);
    const now = tags.find((name) => sameTag(name, wanted))!;
    ctx.out(
      target
        ? `Merged the tag "${old.name}" into "${now}": ${accountsText(old.accounts)} moved.`
        : `Renamed the tag "${old.name}" to "${now}" (${accountsText(old.accounts)}).`,
    );
  } finally {
    vault.lock();
  }
}

export async function tagsRemoveCommand(
  ctx: CliContext,
  name: string,
  opts: { yes: boolean },
): Promise<void> {
  checkTagName(name);
  const vault = await openUnlocked(ctx);
  try {
    const counts = vault.tagCounts();
    const tag = counts.find((t) => sameTag(t.name, name));
    if (!tag)
      throw notFound(
        name,
        counts.map((t) => t.name),
      );
    if (!opts.yes) {
      if (!ctx.terminal.interactive) {
        throw new AuthdeskError(
          'INVALID_ARGUMENT',
          `Refusing to remove the tag "${tag.name}" without confirmation; there is no terminal to ask. Add --yes to confirm.`,
        );
      }
      const question = tag.accounts
        ? `Remove the tag "${tag.name}" from ${accountsText(tag.accounts)}? No account is deleted.`
        : `Remove the tag "${tag.name}"? No account has it.`;
      if (!(await ctx.terminal.confirm(question))) {
        ctx.out('Nothing was removed.');
        return;
      }
    }
    await vault.removeTag(tag.name);
    ctx.out(`Removed the tag "${tag.name}" (it was on ${accountsText(tag.accounts)}).`);
  } finally {
    vault.lock();
  }
}

/**
 * TAG_NOT_FOUND naming the tags there are (exit 4, as a query that matches no account): the vault's,
 * or only those on accounts when that is all that is known (`list` through the running app).
 */
export function notFound(
  name: string,
  tags: readonly string[],
  known: 'vault' | 'accounts' = 'vault',
): AuthdeskError {
  const shown = name.trim();
  return new AuthdeskError(
    'TAG_NOT_FOUND',
    (known === 'vault'
      ? `The vault has no tag "${shown}".`
      : `No account has the tag "${shown}".`) +
      (tags.length ? ` Tags: ${tags.join(', ')}.` : ' There are no tags yet.'),
  );
}
