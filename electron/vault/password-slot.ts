// The password slot: the master key wrapped with AES-256-GCM under a key scrypt derives from the password.
import { z } from 'zod';
import { AuthdeskError } from '../../shared/errors';
import { base64Bytes, describeIssue } from './base64-field';
import {
  MASTER_KEY_BYTES,
  NONCE_BYTES,
  TAG_BYTES,
  seal,
  slotAad,
  unseal,
  type KeySlot,
  type StoredSlot,
} from './envelope';
import {
  SALT_BYTES,
  checkKdfParams,
  deriveKey,
  newKdfParams,
  type KdfCost,
  type KdfParams,
} from './kdf';

const PASSWORD = 'password';

const passwordSlotSchema = z.object({
  type: z.literal(PASSWORD),
  kdf: z.object({
    // Types only; the values are judged by checkKdfParams, which gives the clearer message.
    name: z.string(),
    N: z.number(),
    r: z.number(),
    p: z.number(),
    salt: base64Bytes({ exactly: SALT_BYTES }),
  }),
  nonce: base64Bytes({ exactly: NONCE_BYTES }),
  key: base64Bytes({ exactly: MASTER_KEY_BYTES + TAG_BYTES }),
});

export interface PasswordSlotFields {
  kdf: KdfParams;
  nonce: Buffer;
  /** The wrapped master key followed by its GCM tag. */
  key: Buffer;
}

/** Checks a stored password slot, KDF parameters included, without running the KDF. */
export function parsePasswordSlot(slot: unknown): PasswordSlotFields {
  const parsed = passwordSlotSchema.safeParse(slot);
  if (!parsed.success) {
    throw new AuthdeskError(
      'VAULT_CORRUPT',
      `The password slot is damaged (${describeIssue(parsed.error)}).`,
    );
  }
  const { kdf, nonce, key } = parsed.data;
  checkKdfParams(kdf);
  return { kdf, nonce, key };
}

export function isPasswordSlot(slot: StoredSlot): boolean {
  return slot.type === PASSWORD;
}

/** The cost a stored password slot was made with, to keep it when the password changes. */
export function passwordSlotCost(slot: StoredSlot): KdfCost {
  const { N, r, p } = parsePasswordSlot(slot).kdf;
  return { N, r, p };
}

/** New slots get a fresh salt and nonce at the given cost (the default when omitted). */
export function passwordSlot(cost: Partial<KdfCost> = {}): KeySlot<string> {
  return {
    type: PASSWORD,

    async wrap(masterKey, password, context) {
      if (typeof password !== 'string' || password.length === 0) {
        throw new AuthdeskError('PASSWORD_INVALID', 'The password must not be empty.');
      }
      const kdf = newKdfParams(cost);
      const slotKey = await deriveKey(password, kdf);
      try {
        const { nonce, data } = seal(masterKey, slotKey, slotAad(context, PASSWORD));
        const { name, N, r, p, salt } = kdf;
        return {
          type: PASSWORD,
          kdf: { name, N, r, p, salt: salt.toString('base64') },
          nonce: nonce.toString('base64'),
          key: data.toString('base64'),
        };
      } finally {
        slotKey.fill(0);
      }
    },

    async unwrap(slot, password, context, signal) {
      const { kdf, nonce, key } = parsePasswordSlot(slot);
      if (typeof password !== 'string' || password.length === 0) return null;
      const slotKey = await deriveKey(password, kdf, signal);
      try {
        return unseal({ nonce, data: key }, slotKey, slotAad(context, PASSWORD));
      } finally {
        slotKey.fill(0);
      }
    },

    refused: () => new AuthdeskError('WRONG_PASSWORD', 'The password is not correct.'),
  };
}
