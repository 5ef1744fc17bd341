// AES-256-GCM sealing of the payload, and the slot interface: the ways to wrap the one master key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AuthdeskError } from '../../shared/errors';
import { keptUnlessCancelled, throwIfCancelled } from './kdf';

export const ENVELOPE_VERSION = 1;
export const ENVELOPE_FORMATS = ['authdesk-vault', 'authdesk-backup'] as const;
export type EnvelopeFormat = (typeof ENVELOPE_FORMATS)[number];

export const MASTER_KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

/** Which envelope a ciphertext belongs to; bound in as associated data. */
export interface EnvelopeContext {
  format: EnvelopeFormat;
  version: number;
}

/** GCM output: `data` is the ciphertext followed by the 16-byte tag. */
export interface Sealed {
  nonce: Buffer;
  data: Buffer;
}

/**
 * A slot as stored on disk: its type plus whatever JSON fields that type needs. Kept as read, so
 * a slot type this version does not know (e.g. a later `system` slot) survives every rewrite.
 */
export interface StoredSlot {
  type: string;
  [field: string]: unknown;
}

/**
 * One way to wrap the master key (password, OS keychain, …). Adding a slot type means writing
 * one of these; the envelope, the file and the vault need no change.
 */
export interface KeySlot<Credential> {
  readonly type: string;
  wrap(masterKey: Buffer, credential: Credential, context: EnvelopeContext): Promise<StoredSlot>;
  /**
   * The master key, or null when this credential does not open this slot. A cancelled `signal`
   * stops it before any key derivation (CANCELLED), and discards what one in flight produced.
   */
  unwrap(
    slot: StoredSlot,
    credential: Credential,
    context: EnvelopeContext,
    signal?: AbortSignal,
  ): Promise<Buffer | null>;
  /** The error when no slot of this type opens, e.g. WRONG_PASSWORD. */
  refused(): AuthdeskError;
}

export function newMasterKey(): Buffer {
  return randomBytes(MASTER_KEY_BYTES);
}

export function payloadAad({ format, version }: EnvelopeContext): Buffer {
  return Buffer.from(`${format}/v${version}/payload`, 'utf8');
}

export function slotAad({ format, version }: EnvelopeContext, slotType: string): Buffer {
  return Buffer.from(`${format}/v${version}/slot/${slotType}`, 'utf8');
}

/** Encrypts with a fresh random nonce: never reuse one under the same key. */
export function seal(plaintext: Buffer, key: Buffer, aad: Buffer): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, data };
}

/** The plaintext, or null when the tag does not verify (wrong key, tampered bytes or AAD). */
export function unseal(sealed: Sealed, key: Buffer, aad: Buffer): Buffer | null {
  const { nonce, data } = sealed;
  if (nonce.length !== NONCE_BYTES || data.length < TAG_BYTES) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  const body = decipher.update(data.subarray(0, data.length - TAG_BYTES));
  try {
    return Buffer.concat([body, decipher.final()]);
  } catch {
    // GCM released unauthenticated bytes from update(); they must not outlive the failure.
    body.fill(0);
    return null;
  }
}

export function sealPayload(
  plaintext: Buffer,
  masterKey: Buffer,
  context: EnvelopeContext,
): Sealed {
  return seal(plaintext, masterKey, payloadAad(context));
}

/** Only called after a slot opened, so a failed tag here means damage, not a wrong password. */
export function openPayload(sealed: Sealed, masterKey: Buffer, context: EnvelopeContext): Buffer {
  const plaintext = unseal(sealed, masterKey, payloadAad(context));
  if (!plaintext) {
    throw new AuthdeskError(
      'VAULT_CORRUPT',
      'The vault opened with this password, but its contents are damaged or were changed outside Authdesk.',
    );
  }
  return plaintext;
}

/**
 * Tries every slot of the kind's type in order; the first that opens wins. How many there are and
 * what they cost together was bounded when the file was parsed (vault-file.ts). A cancelled
 * `signal` stops the loop before the next slot, and a key that opened meanwhile is discarded.
 */
export async function unwrapMasterKey<C>(
  slots: readonly StoredSlot[],
  kind: KeySlot<C>,
  credential: C,
  context: EnvelopeContext,
  signal?: AbortSignal,
): Promise<{ key: Buffer; index: number }> {
  for (const [index, slot] of slots.entries()) {
    if (slot.type !== kind.type) continue;
    throwIfCancelled(signal);
    const key = await kind.unwrap(slot, credential, context, signal);
    if (key) return { key: keptUnlessCancelled(key, signal), index };
  }
  throw kind.refused();
}
