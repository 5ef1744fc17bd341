// AES-256-GCM sealing, associated data, and the password slot that wraps the master key.
import { describe, expect, it } from 'vitest';
import {
  newMasterKey,
  openPayload,
  seal,
  sealPayload,
  unseal,
  unwrapMasterKey,
  type EnvelopeContext,
  type StoredSlot,
} from '../../electron/vault/envelope';
import { parsePasswordSlot, passwordSlot } from '../../electron/vault/password-slot';
import { TINY_KDF } from '../harness/vault-fixtures';

const VAULT: EnvelopeContext = { format: 'authdesk-vault', version: 1 };
const BACKUP: EnvelopeContext = { format: 'authdesk-backup', version: 1 };

describe('payload sealing', () => {
  it('round-trips and uses a fresh 12-byte nonce on every seal', () => {
    const key = newMasterKey();
    const plaintext = Buffer.from('{"accounts":[]}');
    const a = sealPayload(plaintext, key, VAULT);
    const b = sealPayload(plaintext, key, VAULT);
    expect(a.nonce).toHaveLength(12);
    expect(a.data).toHaveLength(plaintext.length + 16);
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.data.equals(b.data)).toBe(false);
    expect(openPayload(a, key, VAULT).toString()).toBe('{"accounts":[]}');
  });

  it('binds format and version: a vault payload does not open as a backup or as version 2', () => {
    const key = newMasterKey();
    const sealed = sealPayload(Buffer.from('x'), key, VAULT);
    expect(() => openPayload(sealed, key, BACKUP)).toThrow(
      expect.objectContaining({ code: 'VAULT_CORRUPT' }),
    );
    expect(() => openPayload(sealed, key, { ...VAULT, version: 2 })).toThrow(
      expect.objectContaining({ code: 'VAULT_CORRUPT' }),
    );
  });

  it('returns null instead of throwing for a wrong key, a short nonce or a missing tag', () => {
    const key = newMasterKey();
    const sealed = seal(Buffer.from('hello'), key, Buffer.alloc(0));
    expect(unseal(sealed, newMasterKey(), Buffer.alloc(0))).toBeNull();
    expect(unseal({ ...sealed, nonce: sealed.nonce.subarray(1) }, key, Buffer.alloc(0))).toBeNull();
    expect(
      unseal({ ...sealed, data: sealed.data.subarray(0, 15) }, key, Buffer.alloc(0)),
    ).toBeNull();
  });
});

describe('password slot', () => {
  it('stores scrypt parameters, a 32-byte salt, a 12-byte nonce and a 48-byte wrapped key', async () => {
    const slot = await passwordSlot(TINY_KDF).wrap(newMasterKey(), 'pw', VAULT);
    expect(slot).toMatchObject({ type: 'password', kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 } });
    const fields = parsePasswordSlot(slot);
    expect(fields.kdf.salt).toHaveLength(32);
    expect(fields.nonce).toHaveLength(12);
    expect(fields.key).toHaveLength(48);
  });

  it('unwraps the master key with the right password and refuses a wrong one as WRONG_PASSWORD', async () => {
    const key = newMasterKey();
    const kind = passwordSlot(TINY_KDF);
    const slot = await kind.wrap(key, 'right', VAULT);
    expect((await kind.unwrap(slot, 'right', VAULT))?.equals(key)).toBe(true);
    expect(await kind.unwrap(slot, 'wrong', VAULT)).toBeNull();
    expect(await kind.unwrap(slot, 'right', BACKUP)).toBeNull();
    await expect(unwrapMasterKey([slot], kind, 'wrong', VAULT)).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
  });

  it('refuses an empty new password as PASSWORD_INVALID', async () => {
    await expect(passwordSlot(TINY_KDF).wrap(newMasterKey(), '', VAULT)).rejects.toMatchObject({
      code: 'PASSWORD_INVALID',
    });
  });

  it('tries every password slot, skipping slot types it does not handle', async () => {
    const key = newMasterKey();
    const kind = passwordSlot(TINY_KDF);
    const other: StoredSlot = { type: 'system', key: 'AAAA' };
    const slots = [
      other,
      await kind.wrap(key, 'first', VAULT),
      await kind.wrap(key, 'second', VAULT),
    ];
    const opened = await unwrapMasterKey(slots, kind, 'second', VAULT);
    expect(opened.index).toBe(2);
    expect(opened.key.equals(key)).toBe(true);
  });

  it('rejects a slot with tampered KDF parameters before deriving anything', async () => {
    const slot = await passwordSlot(TINY_KDF).wrap(newMasterKey(), 'pw', VAULT);
    const tampered = { ...slot, kdf: { ...(slot.kdf as object), N: 2 ** 30 } };
    // Before the event loop turns, where a KDF on libuv's threads would settle (not a wall-clock bound).
    let loopTurned = false;
    setImmediate(() => (loopTurned = true));
    await expect(passwordSlot().unwrap(tampered, 'pw', VAULT)).rejects.toMatchObject({
      code: 'VAULT_CORRUPT',
    });
    expect(loopTurned).toBe(false);
  });
});
