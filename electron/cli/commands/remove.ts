// `authdesk remove <query> [--yes]`: deletes one account after naming it and asking.
import { AuthdeskError } from '../../../shared/errors';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';
import { displayName } from '../../../shared/account';
import { findAccount } from '../query';

export async function removeCommand(
  ctx: CliContext,
  query: string,
  opts: { yes: boolean },
): Promise<void> {
  const vault = await openUnlocked(ctx);
  try {
    const account = findAccount(vault.list(), query);
    const name = displayName(account);
    if (!opts.yes) {
      if (!ctx.terminal.interactive) {
        throw new AuthdeskError(
          'INVALID_ARGUMENT',
          `Refusing to remove "${name}" without confirmation; there is no terminal to ask. Add --yes to confirm.`,
        );
      }
      ctx.err(
        `Removing "${name}" deletes its secret key. Unless you have a backup, you will need the service to set up MFA again.`,
      );
      if (!(await ctx.terminal.confirm(`Remove "${name}"?`))) {
        ctx.out('Nothing was removed.');
        return;
      }
    }
    await vault.remove(account.id);
    ctx.out(`Removed "${name}".`);
  } finally {
    vault.lock();
  }
}
