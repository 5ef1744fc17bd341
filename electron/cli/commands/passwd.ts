// `authdesk passwd`: changes the vault password (the master key is re-wrapped; accounts are untouched).
import { Vault } from '../../vault/vault';
import type { CliContext } from '../context';

export async function passwdCommand(ctx: CliContext): Promise<void> {
  const vault = await Vault.open(ctx.vaultPath);
  const current = await ctx.passwords.existing('Current vault password');
  await vault.unlock(current);
  try {
    const fresh = await ctx.passwords.fresh('New vault password');
    await vault.changePassword(current, fresh);
    ctx.out('The vault password was changed.');
  } finally {
    vault.lock();
  }
}
