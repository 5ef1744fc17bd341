// `authdesk code <query> [--next]`: prints only the code and a newline, for $(authdesk code aws).
import { createOtpEngine } from '../../../shared/otp';
import { querySntp } from '../../clock/sntp';
import { codeClock, readAppSettings, takeCode } from '../../use-cases/codes';
import { userDataFolder } from '../../use-cases/vault-path';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';
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
    const settings = await readAppSettings(userDataFolder());
    const clock = await codeClock(settings, {
      clock: { now: ctx.now },
      query: querySntp,
      warn: (message) => ctx.err(`authdesk: ${message}`),
    });
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
