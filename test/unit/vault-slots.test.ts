// The slot interface and forward compatibility: new slot kinds, unknown slots and fields survive rewrites.
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthdeskError } from '../../shared/errors';
import {
  openPayload,
  seal,
  sealPayload,
  slotAad,
  unseal,
  type EnvelopeContext,
  type KeySlot,
} from '../../electron/vault/envelope';
import { passwordSlot } from '../../electron/vault/password-slot';
import { Vault, masterKeyForTests } from '../../electron/vault/vault';
import { readEnvelope, serializeEnvelope } from '../../electron/vault/vault-file';
import {
  FAST_KDF,
  PASSWORD,
  openUnlocked,
  removeTempDir,
  sampleInput,
  tempVaultFile,
} from '../harness/vault-fixtures';

const CONTEXT: EnvelopeContext = { format: 'authdesk-vault', version: 1 };
let dir: string;
let file: string;
beforeEach(async () => ({ dir, file } = await tempVaultFile()));
afterEach(() => removeTempDir(dir));

/** A stand-in for the OS keychain slot: the master key sealed under a key the "OS" holds. */
function keychainSlot(): KeySlot<Buffer> {
  const type = 'test-keychain';
  return {
    type,
    async wrap(masterKey, osKey, context) {
      const { nonce, data } = seal(masterKey, osKey, slotAad(context, type));
      return { type, nonce: nonce.toString('base64'), key: data.toString('base64') };
    },
    async unwrap(slot, osKey, context) {
      const { nonce, key } = slot as unknown as { nonce: string; key: string };
      const sealed = { nonce: Buffer.from(nonce, 'base64'), data: Buffer.from(key, 'base64') };
      return unseal(sealed, osKey, slotAad(context, type));
    },
    refused: () => new AuthdeskError('WRONG_PASSWORD', 'The keychain did not open the vault.'),
  };
}

const slotsOnDisk = async () =>
  JSON.parse(await readFile(file, 'utf8')).slots as { type: string }[];

const reopen = () => openUnlocked(file);

describe('slots', () => {
  it('takes a new kind of slot without other changes: it unlocks, survives saves and password changes (wrapped again), and can be removed', async () => {
    const osKey = Buffer.alloc(32, 9);
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await vault.setSlot(keychainSlot(), osKey);
    await vault.add(sampleInput(1));
    await vault.changePassword(PASSWORD, 'new password', {
      rewrap: [
        { type: 'test-keychain', wrap: (key, context) => keychainSlot().wrap(key, osKey, context) },
      ],
    });
    expect((await slotsOnDisk()).map((slot) => slot.type)).toEqual(['password', 'test-keychain']);

    const viaKeychain = await Vault.open(file);
    await viaKeychain.unlockWith(keychainSlot(), osKey);
    expect(viaKeychain.list().map((a) => a.issuer)).toEqual(['Issuer1']);
    await expect(
      (await Vault.open(file)).unlockWith(keychainSlot(), Buffer.alloc(32, 1)),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });

    await vault.removeSlots('test-keychain');
    expect((await slotsOnDisk()).map((slot) => slot.type)).toEqual(['password']);
    await expect((await Vault.open(file)).unlockWith(keychainSlot(), osKey)).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
  });

  it('never replaces or removes the password slot through the generic calls', async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    await expect(vault.setSlot(passwordSlot(), 'x')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(vault.removeSlots('password')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('writes a slot type it does not know back exactly as it was through saves; a password change drops it (it held the old key)', async () => {
    await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    const future = {
      type: 'system',
      key: 'b3BhcXVl',
      backend: 'kwallet6',
      extra: [1, { a: null }],
    };
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.slots.push(future);
    await writeFile(file, JSON.stringify(json));
    const vault = await reopen();
    await vault.add(sampleInput(1));
    await vault.remove(vault.list()[0]!.id);
    expect((await slotsOnDisk())[1]).toEqual(future);
    expect(await vault.changePassword(PASSWORD, 'other')).toEqual({ dropped: ['system'] });
    expect((await slotsOnDisk()).map((slot) => slot.type)).toEqual(['password']);
  });
});

describe('fields from a newer Authdesk', () => {
  it('keeps unknown account and payload fields through an update and other saves', async () => {
    const vault = await Vault.create(file, PASSWORD, { kdf: FAST_KDF });
    const { id } = await vault.add(sampleInput(1));
    // Write, with the vault's own key, a payload as a newer version might: extra fields.
    const key = vault[masterKeyForTests]()!;
    const envelope = await readEnvelope(file, 'authdesk-vault');
    const payload = JSON.parse(openPayload(envelope.payload, key, CONTEXT).toString('utf8'));
    payload.accounts[0].icon = 'aws.svg';
    payload.sortMode = 'manual';
    envelope.payload = sealPayload(Buffer.from(JSON.stringify(payload)), key, CONTEXT);
    await writeFile(file, serializeEnvelope(envelope));

    const older = await reopen();
    await older.update(id, { label: 'renamed' });
    await older.add(sampleInput(2));
    const after = await readEnvelope(file, 'authdesk-vault');
    const saved = JSON.parse(openPayload(after.payload, key, CONTEXT).toString('utf8'));
    expect(saved.sortMode).toBe('manual');
    expect(saved.accounts[0]).toMatchObject({ id, label: 'renamed', icon: 'aws.svg' });
  });
});
