// Changing the vault password, for both doors: a new master key, and the keychain slot wrapped again
// where the keychain can (the window), dropped where it cannot (the command line has no keychain).
import type { KeychainPort } from '../ports';
import { SYSTEM_SLOT, systemSlot } from '../vault/system-slot';
import type { Vault } from '../vault/vault';
import type { SlotRewrap } from '../vault/vault-session';

export interface PasswordChanged {
  /** The keychain slot was on and had to be turned off: unlocking with it must be turned on again. */
  keychainTurnedOff: boolean;
}

/**
 * WRONG_PASSWORD, PASSWORD_INVALID, UNLOCK_THROTTLED, VAULT_LOCKED, IO_ERROR as Vault.changePassword.
 * The keychain slot is wrapped again only when it opens the file afterwards; otherwise it is removed.
 */
export async function changeVaultPassword(
  vault: Vault,
  oldPassword: string,
  newPassword: string,
  keychain: KeychainPort | null,
): Promise<PasswordChanged> {
  const rewrap: SlotRewrap[] = [];
  if (keychain) {
    const kind = systemSlot();
    rewrap.push({
      type: SYSTEM_SLOT,
      // A keychain that refuses now costs the slot, not the password change.
      wrap: (key, context) => kind.wrap(key, keychain, context).catch(() => null),
    });
  }
  const { dropped } = await vault.changePassword(oldPassword, newPassword, { rewrap });
  let keychainTurnedOff = dropped.includes(SYSTEM_SLOT);
  if (keychain && !keychainTurnedOff && (await vault.slotTypes()).includes(SYSTEM_SLOT)) {
    try {
      await vault.checkSlot(systemSlot(), keychain);
    } catch {
      await vault.removeSlots(SYSTEM_SLOT);
      keychainTurnedOff = true;
    }
  }
  return { keychainTurnedOff };
}
