// `authdesk list [--json]`: the accounts, with current codes for time-based ones; never a secret.
// It asks the running app first (agent-door.ts); the vault and the OTP engine are loaded only on the
// password path.
import { toMeta, type AccountMeta } from '../../../shared/account';
import type { ListedCode } from '../../agent/protocol';
import { askAgent } from '../agent-door';
import type { CliContext } from '../context';
import { codeClockOf, openUnlocked } from '../context';

export async function listCommand(ctx: CliContext, opts: { json: boolean }): Promise<void> {
  const agent = await askAgent(ctx, 'list');
  if (agent) {
    try {
      const { accounts, codes } = await agent.request({ op: 'list' });
      printList(ctx, accounts, (a) => codes[a.id] ?? null, opts);
    } finally {
      agent.close();
    }
    return;
  }
  const vault = await openUnlocked(ctx);
  const accounts = vault.list();
  vault.lock();
  if (opts.json || accounts.length === 0) {
    printList(ctx, accounts.map(toMeta), () => null, opts);
    return;
  }
  const [{ codesAt }, clock] = await Promise.all([import('../../../shared/otp'), codeClockOf(ctx)]);
  const now = clock.now();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  printList(ctx, accounts.map(toMeta), (a) => codesAt(byId.get(a.id)!, now), opts);
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
  opts: { json: boolean },
): void {
  if (opts.json) {
    ctx.out(JSON.stringify(accounts, null, 2));
    return;
  }
  if (accounts.length === 0) {
    ctx.out('The vault has no accounts yet. Add one with `authdesk add`.');
    return;
  }
  const rows = accounts.map((a) => {
    const codes = a.type === 'hotp' ? null : codeOf(a);
    return [
      a.issuer || '—',
      a.label || '—',
      codes ? codes.current : `hotp #${a.counter}`,
      codes ? `${codes.secondsLeft}s` : '',
    ];
  });
  const header = ['ISSUER', 'ACCOUNT', 'CODE', 'LEFT'];
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  for (const row of [header, ...rows]) {
    ctx.out(
      row
        .map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell)))
        .join('  ')
        .trimEnd(),
    );
  }
}

/** Display width: East Asian wide characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      ) || cp >= 0x20000
        ? 2
        : 1;
  }
  return w;
}
