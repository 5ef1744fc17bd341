// The window's password unlock, which the unlock screen can cancel while the key is derived: a
// tampered vault may ask for up to two slots at the dearest cost checkKdfParams allows (seconds).
import type { Vault } from '../vault/vault';

export class PasswordUnlock {
  #running: AbortController | null = null;

  constructor(private readonly vault: Vault) {}

  /** As Vault.unlock; a newer unlock or cancel() ends this one with CANCELLED. */
  async unlock(password: string): Promise<void> {
    this.#running?.abort();
    const run = new AbortController();
    this.#running = run;
    try {
      await this.vault.unlock(password, run.signal);
    } finally {
      if (this.#running === run) this.#running = null;
    }
  }

  /**
   * Stops the running unlock before its next key derivation and discards what the one in flight
   * yields (scrypt cannot be interrupted once started). Nothing running: nothing happens.
   */
  cancel(): void {
    this.#running?.abort();
  }
}
