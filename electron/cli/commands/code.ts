// `authdesk code <query> [--next]`: prints only the code and a newline, for $(authdesk code aws).
import { createOtpEngine } from '../../../shared/otp';
import { takeCode } from '../../use-cases/codes';
import type { CliContext } from '../context';
import { codeClockOf, openUnlocked } from '../context';
import { findAccount } from '../query';

export async function codeCommand(
  ctx: CliContext,
  query: string,
  opts: { next: boolean },
): Promise<void> {
  const vault = await openUnlocked(ctx);
  try {
    const account = findAccount(vault.list(), query);
    // The clock correction the user turned on in the app applies here too.
    const clock = await codeClockOf(ctx);
    const code = await takeCode(
      vault,
      createOtpEngine(),
      account,
      clock.now(),
      opts.next ? 'next' : 'current',
    );
    ctx.out(code);
  } finally {
    vault.lock();
  }
}
