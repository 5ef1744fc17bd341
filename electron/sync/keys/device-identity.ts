// A device's identity in the sync: a random id and an X25519 key pair. The public key rides in the
// device's snapshot; a rotated sync key is wrapped to it (key-wrap.ts). The private key stays in
// the vault.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { AuthdeskError } from '../../../shared/errors';
import type { DeviceId } from '../types';

/** This device's identity; the private key stays in the vault. */
export interface DeviceIdentity {
  id: DeviceId;
  /** base64 of the raw 32-byte X25519 public key */
  publicKey: string;
  /** base64 of the raw 32-byte X25519 private key. Secret. */
  privateKey: string;
}

const RAW_KEY_BYTES = 32;
// The fixed DER prefixes of an X25519 key (RFC 8410): the raw 32 bytes follow them.
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

export function newDeviceIdentity(): DeviceIdentity {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    id: randomBytes(16).toString('hex'),
    publicKey: rawPublicKey(publicKey).toString('base64'),
    privateKey: rawPrivateKey(privateKey).toString('base64'),
  };
}

export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

function rawPrivateKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
}

function rawBytes(base64: string, what: string): Buffer {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== RAW_KEY_BYTES || raw.toString('base64') !== base64) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `The ${what} is not a base64 X25519 key of ${RAW_KEY_BYTES} bytes.`,
    );
  }
  return raw;
}

/** A device's public key (DeviceInfo.publicKey) as a key object; INVALID_ARGUMENT when it is not one. */
export function publicKeyObject(base64: string): KeyObject {
  const der = Buffer.concat([SPKI_PREFIX, rawBytes(base64, 'public key')]);
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

export function privateKeyObject(identity: DeviceIdentity): KeyObject {
  const raw = rawBytes(identity.privateKey, 'private key');
  const der = Buffer.concat([PKCS8_PREFIX, raw]);
  raw.fill(0);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}
