// Unlock with the OS keychain: whether it can be used here, turning it on (with the vault password
// again) and off, and unlocking with it. Off by default; the password slot always remains.
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import type { KeychainStatus } from '../../shared/keychain';
import { SYSTEM_SLOT, requireKeychain, systemSlot } from '../vault/system-slot';
import type { KeychainPort } from '../ports';
import type { Vault } from '../vault/vault';

export class KeychainUnlock {
  constructor(
    private readonly vault: Vault,
    private readonly keychain: KeychainPort,
    /** Hears a re-wrap that failed; the unlock it followed stands. */
    private readonly onRewrapError: (error: unknown) => void = (error) =>
      console.error("re-wrapping the system slot under the keychain's new key:", error),
  ) {}

  /** Works locked (the unlock screen asks) and with no vault yet (enabled: false). */
  async status(): Promise<KeychainStatus> {
    const [availability, types] = await Promise.all([
      this.keychain.availability(),
      this.vault.slotTypes(),
    ]);
    return {
      available: availability.available,
      reason: availability.available ? null : availability.reason,
      enabled: types.includes(SYSTEM_SLOT),
    };
  }

  /**
   * VAULT_LOCKED, KEYCHAIN_UNAVAILABLE (checked before the password costs a KDF run), WRONG_PASSWORD;
   * then the slot is written and proven to open the file before it counts as on (KEYCHAIN_FAILED
   * and no slot left behind when the keychain cannot decrypt what it just encrypted).
   */
  async enable(password: string): Promise<KeychainStatus> {
    this.vault.list(); // VAULT_LOCKED
    await requireKeychain(this.keychain);
    await this.vault.checkPassword(password);
    await this.vault.setSlot(systemSlot(), this.keychain);
    try {
      await this.vault.checkSlot(systemSlot(), this.keychain);
    } catch (error) {
      await this.vault.removeSlots(SYSTEM_SLOT);
      throw error;
    }
    return this.status();
  }

  /** Removes the system slot from the file; the password keeps working. VAULT_LOCKED when locked. */
  async disable(): Promise<KeychainStatus> {
    await this.vault.removeSlots(SYSTEM_SLOT);
    return this.status();
  }

  /** KEYCHAIN_FAILED or KEYCHAIN_UNAVAILABLE: the password is the way in, as always. */
  async unlock(): Promise<void> {
    // A damaged file is reported as such, before the keychain is asked anything.
    if (!(await this.vault.slotTypes()).includes(SYSTEM_SLOT)) {
      throw new AuthdeskError(
        'KEYCHAIN_FAILED',
        'Unlocking with the system keychain is not turned on for this vault. Unlock with the password.',
      );
    }
    let stale = false;
    try {
      await this.vault.unlockWith(systemSlot({ onStale: () => (stale = true) }), this.keychain);
    } catch (error) {
      // The keychain opened the slot, but its key does not open this payload: a system slot taken
      // from another vault. The password path reports real damage to the payload for what it is.
      if (isAuthdeskError(error) && error.code === 'VAULT_CORRUPT') {
        throw new AuthdeskError(
          'KEYCHAIN_FAILED',
          'The key in the system keychain does not open this vault. Unlock with the password.',
          { cause: error },
        );
      }
      throw error;
    }
    if (stale) await this.#rewrap();
  }

  /**
   * The keychain rotated its key: the slot is written again under the new one. A failure leaves
   * the old slot, which still opens, and the next unlock tries again; the unlock itself stands.
   */
  async #rewrap(): Promise<void> {
    try {
      await this.vault.setSlot(systemSlot(), this.keychain);
    } catch (error) {
      this.onRewrapError(error);
    }
  }
}
