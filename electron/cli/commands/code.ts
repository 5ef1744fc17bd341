// `authdesk code <query> [--next]`: prints only the code and a newline, for $(authdesk code aws).
// The vault, the OTP engine and the clock correction are loaded only on the password path.
import type { CliContext } from '../context';
import { codeClockOf, openUnlocked } from '../context';

export async function codeCommand(
  ctx: CliContext,
  query: string,
  opts: { next: boolean },
): Promise<void> {
  ctx.out(await codeWithPassword(ctx, query, opts.next ? 'next' : 'current'));
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
