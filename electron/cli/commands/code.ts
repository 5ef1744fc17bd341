// `authdesk code <query> [--next]`: prints only the code and a newline, for $(authdesk code aws).
// It asks the running app first (agent-door.ts); the vault, the OTP engine and the clock correction
// are loaded only on the password path.
import { askAgent } from '../agent-door';
import type { CliContext } from '../context';
import { codeClockOf, openUnlocked } from '../context';

export async function codeCommand(
  ctx: CliContext,
  query: string,
  opts: { next: boolean },
): Promise<void> {
  const which = opts.next ? 'next' : 'current';
  const agent = await askAgent(ctx, 'code');
  if (agent) {
    // The app finds the account with the same rules and errors (no match 4, ambiguous 5), uses its
    // own clock correction, and moves an HOTP counter on as the password path does.
    try {
      ctx.out((await agent.request({ op: 'code', query, which })).code);
    } finally {
      agent.close();
    }
    return;
  }
  ctx.out(await codeWithPassword(ctx, query, which));
}

/** The code from the vault file, unlocked with the password (the path without the running app). */
async function codeWithPassword(
  ctx: CliContext,
  query: string,
  which: 'current' | 'next',
): Promise<string> {
  const [{ createOtpEngine }, { takeCode }, { findAccount }] = await Promise.all([
    import('../../../shared/otp'),
    import('../../use-cases/codes'),
    import('../query'),
  ]);
  const vault = await openUnlocked(ctx);
  try {
    const account = findAccount(vault.list(), query);
    // The clock correction the user turned on in the app applies here too.
    const clock = await codeClockOf(ctx);
    return await takeCode(vault, createOtpEngine(), account, clock.now(), which);
  } finally {
    vault.lock();
  }
}
