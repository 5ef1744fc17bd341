// The password path's cache of AWS sessions: a real file beside a real vault, sealed under a key the
// vault derives from its master key. Nothing readable in the file, 0600, expired entries dropped, a
// damaged file or one sealed before a password change read as empty and written anew.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionCredentials } from '../../electron/agent/protocol';
import {
  MemorySessionStore,
  SESSION_CACHE_PURPOSE,
  SessionCacheFile,
  sessionCachePathFor,
  sessionKey,
} from '../../electron/aws/session-cache';
import { Vault } from '../../electron/vault/vault';
import { ManualTime } from '../harness/manual-timers';
import { PASSWORD, TINY_KDF, tempVaultFile } from '../harness/vault-fixtures';

const NOW = Date.UTC(2026, 11, 2, 3, 0, 0);
const HOUR = 3_600_000;

function session(n: number, expiresAt: number): SessionCredentials {
  return {
    accessKeyId: `ASIAEXAMPLE${n}KEYID00`,
    secretAccessKey: `secret-${n}-wJalrXUtnFEMIK7MDENGbPxRfiCY`,
    sessionToken: `token-${n}-FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN`,
    expiration: new Date(expiresAt).toISOString(),
  };
}

let dir: string;
let vault: Vault;
let time: ManualTime;
let cachePath: string;

function cache(key = vault.derivedKey(SESSION_CACHE_PURPOSE)): SessionCacheFile {
  return new SessionCacheFile({ path: cachePath, key, clock: time });
}

beforeEach(async () => {
  const temp = await tempVaultFile();
  dir = temp.dir;
  vault = await Vault.create(temp.file, PASSWORD, { kdf: TINY_KDF });
  cachePath = sessionCachePathFor(vault.path);
  time = new ManualTime(NOW);
});

afterEach(async () => {
  vault.lock();
  await rm(dir, { recursive: true, force: true });
});

describe('the session cache file', () => {
  it('lives beside the vault and holds no credential in plain text, with mode 0600', async () => {
    const s = session(1, NOW + 12 * HOUR);
    await cache().put(sessionKey('default', 'arn:aws:iam::123456789012:mfa/alice'), s);
    expect(cachePath).toBe(`${vault.path}.aws-sessions`);
    const raw = await readFile(cachePath, 'utf8');
    for (const text of [s.accessKeyId, s.secretAccessKey, s.sessionToken, 'alice', 'default']) {
      expect(raw).not.toContain(text);
    }
    if (process.platform !== 'win32') expect((await stat(cachePath)).mode & 0o777).toBe(0o600);
    // A new reader (the next command) with the same vault key finds it.
    const key = sessionKey('default', 'arn:aws:iam::123456789012:mfa/alice');
    expect(await cache().get(key)).toEqual(s);
    expect(await cache().get(sessionKey('work', 'arn:aws:iam::123456789012:mfa/alice'))).toBeNull();
  });

  it('keeps entries per profile and device, and drops expired ones when it writes', async () => {
    await cache().put('a#default', session(1, NOW + HOUR));
    await cache().put('b#default', session(2, NOW + 3 * HOUR));
    time.advance(2 * HOUR);
    await cache().put('c#work', session(3, NOW + 5 * HOUR));
    expect(await cache().get('a#default')).toBeNull();
    expect(await cache().get('b#default')).toEqual(session(2, NOW + 3 * HOUR));
    expect(await cache().get('c#work')).toEqual(session(3, NOW + 5 * HOUR));
  });

  it('is empty after a password change (a new master key), and is written anew', async () => {
    await cache().put('a#default', session(1, NOW + HOUR));
    const before = await readFile(cachePath, 'utf8');
    await vault.changePassword(PASSWORD, 'another password entirely', { kdf: TINY_KDF });
    const after = cache();
    expect(await after.get('a#default')).toBeNull();
    await after.put('b#default', session(2, NOW + HOUR));
    expect(await readFile(cachePath, 'utf8')).not.toBe(before);
    expect(await cache().get('b#default')).toEqual(session(2, NOW + HOUR));
    expect(await cache().get('a#default')).toBeNull();
  });

  it('reads a damaged or foreign file as empty, and replaces it on the next write', async () => {
    await cache().put('a#default', session(1, NOW + HOUR));
    const sealed = JSON.parse(await readFile(cachePath, 'utf8')) as { data: string };
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = data[0]! ^ 1;
    await writeFile(cachePath, JSON.stringify({ ...sealed, data: data.toString('base64') }));
    expect(await cache().get('a#default')).toBeNull();
    await writeFile(cachePath, 'not json at all');
    expect(await cache().get('a#default')).toBeNull();
    await cache().put('b#default', session(2, NOW + HOUR));
    expect(await cache().get('b#default')).toEqual(session(2, NOW + HOUR));
  });

  it('does not open under a key derived for another purpose', async () => {
    await cache().put('a#default', session(1, NOW + HOUR));
    expect(await cache(vault.derivedKey('some other purpose')).get('a#default')).toBeNull();
  });

  it('forgets its key copy on dispose', async () => {
    const key = vault.derivedKey(SESSION_CACHE_PURPOSE);
    const c = cache(key);
    await c.put('a#default', session(1, NOW + HOUR));
    c.dispose();
    expect(await c.get('a#default')).toBeNull();
    expect(await cache(key).get('a#default')).toEqual(session(1, NOW + HOUR));
  });
});

describe('Vault.derivedKey', () => {
  it('is 32 bytes, the same for the same master key, different per purpose, refused when locked', async () => {
    const a = vault.derivedKey(SESSION_CACHE_PURPOSE);
    expect(a).toHaveLength(32);
    expect(vault.derivedKey('x').equals(a)).toBe(false);
    const file = vault.path;
    vault.lock();
    expect(() => vault.derivedKey(SESSION_CACHE_PURPOSE)).toThrow(
      expect.objectContaining({ code: 'VAULT_LOCKED' }),
    );
    const again = await Vault.open(file);
    await again.unlock(PASSWORD);
    expect(again.derivedKey(SESSION_CACHE_PURPOSE).equals(a)).toBe(true);
    vault = again;
  });
});

describe('the memory store', () => {
  it('holds sessions until cleared, and hands out copies', async () => {
    const store = new MemorySessionStore();
    const s = session(1, NOW + HOUR);
    await store.put('a#default', s);
    const got = await store.get('a#default');
    expect(got).toEqual(s);
    got!.sessionToken = 'changed';
    expect(await store.get('a#default')).toEqual(s);
    store.clear();
    expect(await store.get('a#default')).toBeNull();
  });
});
