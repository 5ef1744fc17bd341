// The system slot: the master key encrypted by the OS keychain (Electron safeStorage in the app), so the
// vault can open without the password on this machine, for this OS user. The password slot always stays.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { KeychainPort } from '../ports';
import { AuthdeskError } from '../../shared/errors';
import { base64Bytes } from './base64-field';
import { MASTER_KEY_BYTES, slotAad, type EnvelopeContext, type KeySlot } from './envelope';

export const SYSTEM_SLOT = 'system';

/** The OS keychain: Electron safeStorage in the app (electron/system/keychain.ts), a stand-in in tests. */

// Extra fields are ignored, so a later version may add some. A slot that does not match is treated
// as one the keychain cannot open: the password still works.
const systemSlotSchema = z.object({
  type: z.literal(SYSTEM_SLOT),
  key: base64Bytes({ atLeast: 1 }),
});

/**
 * The keychain encrypts the slot's label (`authdesk-vault/v1/slot/system`) followed by the master key.
 * Not every backend authenticates what it decrypts (safeStorage on macOS and Linux is AES-CBC without
 * a MAC), so the label is what tells a key from the garbage a damaged or foreign slot decrypts to.
 */
function labelled(context: EnvelopeContext, masterKey: Buffer): Buffer {
  return Buffer.concat([slotAad(context, SYSTEM_SLOT), masterKey]);
}

/** The master key inside a decrypted slot, or null when it is not one of ours for this envelope. */
function keyOf(context: EnvelopeContext, plaintext: Buffer): Buffer | null {
  const label = slotAad(context, SYSTEM_SLOT);
  if (plaintext.length !== label.length + MASTER_KEY_BYTES) return null;
  if (!timingSafeEqual(plaintext.subarray(0, label.length), label)) return null;
  return Buffer.from(plaintext.subarray(label.length));
}

/** KEYCHAIN_UNAVAILABLE, saying why, unless the keychain can protect a key here now. */
export async function requireKeychain(keychain: KeychainPort): Promise<void> {
  const availability = await keychain.availability();
  if (availability.available) return;
  throw new AuthdeskError(
    'KEYCHAIN_UNAVAILABLE',
    availability.reason === 'basic_text'
      ? 'The system keychain is not available: on Linux, Authdesk needs GNOME Keyring (libsecret) or KWallet, and never keeps the key with the plain-text fallback.'
      : 'The system keychain is not available on this computer.',
  );
}

/**
 * `onStale` hears that the keychain opened the slot but wants what it decrypted encrypted again
 * (its key was rotated): the caller re-wraps the slot once the unlock has succeeded.
 */
export function systemSlot(options: { onStale?: () => void } = {}): KeySlot<KeychainPort> {
  return {
    type: SYSTEM_SLOT,

    async wrap(masterKey, keychain, context) {
      await requireKeychain(keychain);
      const plaintext = labelled(context, masterKey);
      try {
        const encrypted = await keychain.encrypt(plaintext);
        return { type: SYSTEM_SLOT, key: encrypted.toString('base64') };
      } catch (error) {
        if (error instanceof AuthdeskError) throw error;
        throw new AuthdeskError(
          'KEYCHAIN_UNAVAILABLE',
          'The system keychain refused to protect the vault key.',
          { cause: error },
        );
      } finally {
        plaintext.fill(0);
      }
    },

    async unwrap(slot, keychain, context) {
      const parsed = systemSlotSchema.safeParse(slot);
      if (!parsed.success) return null;
      await requireKeychain(keychain);
      let decrypted: Awaited<ReturnType<KeychainPort['decrypt']>>;
      try {
        decrypted = await keychain.decrypt(parsed.data.key);
      } catch {
        // Not ours to open: another machine or user, a reset keychain, or changed bytes.
        return null;
      }
      try {
        const key = keyOf(context, decrypted.plaintext);
        if (key && decrypted.shouldReEncrypt) options.onStale?.();
        return key;
      } finally {
        decrypted.plaintext.fill(0);
      }
    },

    refused: () =>
      new AuthdeskError(
        'KEYCHAIN_FAILED',
        'The system keychain could not open the vault (it was reset, or the vault comes from another computer or user). Unlock with the password.',
      ),
  };
}
