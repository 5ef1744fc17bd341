// Wrapping a new sync key to one device's X25519 public key: ECDH with a one-time key of the
// rotation, HKDF-SHA256 over the shared secret, AES-256-GCM of the 32 key bytes. Everything the
// wrap is for (who rotated, from which epoch to which key, for whom) is bound into the HKDF info
// and the associated data, so a wrap cannot be moved to another rotation or device.
import {
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { DeviceId, SyncKey } from '../types';
import { privateKeyObject, publicKeyObject } from './device-identity';
import type { DeviceIdentity } from './device-identity';

export interface KeyWrap {
  nonce: string;
  /** base64 of the encrypted key and its 16-byte tag */
  data: string;
}

/** What a wrap belongs to. */
export interface WrapContext {
  author: DeviceId;
  fromEpoch: number;
  next: Pick<SyncKey, 'epoch' | 'id'>;
}

const TAG_BYTES = 16;

function info(context: WrapContext, recipient: DeviceId): Buffer {
  const { author, fromEpoch, next } = context;
  return Buffer.from(
    `authdesk-sync-key-wrap/1\n${author}\n${fromEpoch}\n${next.epoch}\n${next.id}\n${recipient}`,
    'utf8',
  );
}

function wrapKey(
  ephemeral: KeyObject,
  ephemeralPublic: Buffer,
  recipientPublic: Buffer,
  recipient: DeviceId,
  context: WrapContext,
): Buffer {
  const publicKey = publicKeyObject(recipientPublic.toString('base64'));
  const shared = diffieHellman({ privateKey: ephemeral, publicKey });
  const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
  const key = Buffer.from(hkdfSync('sha256', shared, salt, info(context, recipient), 32));
  shared.fill(0);
  return key;
}

/** `next`'s key wrapped to `recipient` (its id and base64 X25519 public key). */
export function wrapKeyTo(
  ephemeral: { privateKey: KeyObject; publicKey: Buffer },
  recipient: { id: DeviceId; publicKey: string },
  next: SyncKey,
  context: WrapContext,
): KeyWrap {
  const recipientPublic = Buffer.from(recipient.publicKey, 'base64');
  const kek = wrapKey(
    ephemeral.privateKey,
    ephemeral.publicKey,
    recipientPublic,
    recipient.id,
    context,
  );
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(info(context, recipient.id));
  const plain = Buffer.from(next.key, 'base64');
  const data = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  plain.fill(0);
  kek.fill(0);
  return { nonce: nonce.toString('base64'), data: data.toString('base64') };
}

/** The 32 key bytes (base64) a wrap to `me` holds, or null when it does not open. */
export function unwrapKey(
  me: DeviceIdentity,
  ephemeralPublic: string,
  wrap: KeyWrap,
  context: WrapContext,
): string | null {
  let kek: Buffer | undefined;
  try {
    const ephemeral = publicKeyObject(ephemeralPublic);
    const shared = diffieHellman({ privateKey: privateKeyObject(me), publicKey: ephemeral });
    const salt = Buffer.concat([
      Buffer.from(ephemeralPublic, 'base64'),
      Buffer.from(me.publicKey, 'base64'),
    ]);
    kek = Buffer.from(hkdfSync('sha256', shared, salt, info(context, me.id), 32));
    shared.fill(0);
    const data = Buffer.from(wrap.data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrap.nonce, 'base64'));
    decipher.setAAD(info(context, me.id));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(data.subarray(0, data.length - TAG_BYTES)),
      decipher.final(),
    ]);
    const key = plain.toString('base64');
    plain.fill(0);
    return key;
  } catch {
    return null;
  } finally {
    kek?.fill(0);
  }
}
