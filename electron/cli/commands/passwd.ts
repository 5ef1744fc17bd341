// `authdesk passwd`: changes the vault password and the master key; the accounts are sealed again.
import { changeVaultPassword } from '../../use-cases/change-password';
import { Vault } from '../../vault/vault';
import type { CliContext } from '../context';

export async function passwdCommand(ctx: CliContext): Promise<void> {
  const vault = await Vault.open(ctx.vaultPath);
  const current = await ctx.passwords.existing('Current vault password');
  await vault.unlock(current);
  try {
    const fresh = await ctx.passwords.fresh('New vault password');
    // No keychain here: a keychain slot holds the old key and is removed.
    const { keychainTurnedOff } = await changeVaultPassword(vault, current, fresh, null);
    ctx.out('The vault password was changed.');
    if (keychainTurnedOff) {
      ctx.out(
        'Unlocking with the system keychain was turned off: it held the old key. Turn it on again in the window (Settings).',
      );
    }
  } finally {
    vault.lock();
  }
}
