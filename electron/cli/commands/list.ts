// `authdesk list [--json] [--tag NAME]… [--untagged]`: the accounts (with their tags), with current
// codes for time-based ones; never a secret. It asks the running app first (agent-door.ts); the vault
// and the OTP engine are loaded only on the password path.
import { toMeta, type AccountMeta } from '../../../shared/account';
import { AuthdeskError } from '../../../shared/errors';
import { checkTagName, hasTag } from '../../../shared/tags';
import type { ListedCode } from '../../agent/protocol';
import { askAgent } from '../agent-door';
import type { CliContext } from '../context';
import { codeClockOf, openUnlocked } from '../context';
import { table } from '../table';
import { notFound } from './tags';

export interface ListOptions {
  json: boolean;
  /** Only the accounts with every one of these tags. */
  tag?: string[];
  /** Only the accounts without a tag. */
  untagged?: boolean;
}

export async function listCommand(ctx: CliContext, opts: ListOptions): Promise<void> {
  const only = filterOf(opts);
  const agent = await askAgent(ctx, 'list');
  if (agent) {
    try {
      const { accounts, codes } = await agent.request({ op: 'list' });
      printList(ctx, only(accounts), (a) => codes[a.id] ?? null, opts);
    } finally {
      agent.close();
    }
    return;
  }
  const vault = await openUnlocked(ctx);
  const accounts = vault.list();
  const tags = vault.tags();
  vault.lock();
  const shown = only(accounts.map(toMeta), tags);
  if (opts.json || shown.length === 0) {
    printList(ctx, shown, () => null, opts);
    return;
  }
  const [{ codesAt }, clock] = await Promise.all([import('../../../shared/otp'), codeClockOf(ctx)]);
  const now = clock.now();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  printList(ctx, shown, (a) => codesAt(byId.get(a.id)!, now), opts);
}

/**
 * The accounts --tag and --untagged keep (checked before any password is asked). A tag no account
 * has and the vault does not list (`tags`, when known) is TAG_NOT_FOUND, naming the tags there are;
 * a tag the vault lists but no account has gives no account.
 */
function filterOf(
  opts: ListOptions,
): (accounts: AccountMeta[], tags?: readonly string[]) => AccountMeta[] {
  const wanted = (opts.tag ?? []).map((name) => checkTagName(name));
  if (opts.untagged && wanted.length > 0) {
    throw new AuthdeskError('INVALID_ARGUMENT', '--untagged cannot be combined with --tag.');
  }
  if (opts.untagged) return (accounts) => accounts.filter((a) => !a.tags?.length);
  if (wanted.length === 0) return (accounts) => accounts;
  return (accounts, tags) => {
    // Through the running app only the accounts' tags are known, not the vault's unused ones.
    const known = tags ?? [...new Set(accounts.flatMap((a) => a.tags ?? []))];
    const missing = wanted.find((name) => !hasTag(known, name));
    if (missing !== undefined) throw notFound(missing, known, tags ? 'vault' : 'accounts');
    return accounts.filter((a) => wanted.every((name) => hasTag(a.tags, name)));
  };
}

/**
 * What `list` prints, whoever computed the codes: JSON of the metadata, or a table with the current
 * code of each time-based account (`codeOf` is not asked for HOTP accounts).
 */
function printList(
  ctx: CliContext,
  accounts: AccountMeta[],
  codeOf: (
    account: AccountMeta,
  ) => (Pick<ListedCode, 'current'> & { secondsLeft: number | null }) | null,
  opts: ListOptions,
): void {
  if (opts.json) {
    ctx.out(JSON.stringify(accounts, null, 2));
    return;
  }
  if (accounts.length === 0) {
    ctx.out(
      opts.tag?.length || opts.untagged
        ? 'No account matches.'
        : 'The vault has no accounts yet. Add one with `authdesk add`.',
    );
    return;
  }
  // The TAGS column only when some account has a tag.
  const withTags = accounts.some((a) => a.tags?.length);
  const rows = accounts.map((a) => {
    const codes = a.type === 'hotp' ? null : codeOf(a);
    return [
      a.issuer || '—',
      a.label || '—',
      codes ? codes.current : `hotp #${a.counter}`,
      codes ? `${codes.secondsLeft}s` : '',
      ...(withTags ? [(a.tags ?? []).join(', ')] : []),
    ];
  });
  const header = ['ISSUER', 'ACCOUNT', 'CODE', 'LEFT', ...(withTags ? ['TAGS'] : [])];
  for (const line of table(header, rows)) ctx.out(line);
}
