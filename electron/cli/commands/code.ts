// `authdesk code <query> [--next]`: prints only the code and a newline, for $(authdesk code aws).
import { codesAt, hotpCode } from '../../../shared/otp';
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
    if (account.type === 'hotp') {
      // An HOTP code is used up once shown, so the counter moves on; --next peeks one further.
      if (opts.next) {
        ctx.out(hotpCode(account, account.counter + 1));
        return;
      }
      const code = hotpCode(account, account.counter);
      await vault.update(account.id, { counter: account.counter + 1 });
      ctx.out(code);
      return;
    }
    const codes = codesAt(account, ctx.now());
    ctx.out(opts.next ? codes.next : codes.current);
  } finally {
    vault.lock();
  }
}
