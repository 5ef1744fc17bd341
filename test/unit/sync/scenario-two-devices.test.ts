// Two real vaults in temp folders sharing one real sync folder: what one does appears on the other,
// whatever door changed the vault (the window, the command line, a restore), and setting up is refused
// with a clear error that leaves nothing half done.
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AutoBackup } from '../../../electron/use-cases/auto-backup';
import { lockVault } from '../../../electron/vault/vault-lock';
import { decodeBackup, newBackupKey } from '../../../electron/transfer/backup-file';
import type { BackupStatus } from '../../../shared/transfer';
import { PASSWORD, TINY_KDF, openUnlocked, sampleInput } from '../../harness/vault-fixtures';
import { SYNC_PASSWORD, World, serviceFor, shown, shownSet, type Device } from './scenario-devices';

let world: World;
beforeEach(async () => {
  world = await World.create();
});
afterEach(async () => {
  await world.close();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code ?? String(error),
  );

describe('two devices sharing a folder', () => {
  let a: Device;
  let b: Device;
  beforeEach(async () => {
    [a, b] = await world.paired('laptop', 'desktop');
  });

  it('carries an added, edited and deleted account from one vault to the other, and back', async () => {
    const added = await a.vault.add(sampleInput(1));
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(shown(b.vault.list())).toEqual(shown([added]));

    const copy = b.vault.list()[0]!;
    await b.vault.update(copy.id, { label: 'renamed on the desktop', note: 'from b' });
    await world.settle([b, a]);
    expect(a.vault.list()[0]).toMatchObject({ label: 'renamed on the desktop', note: 'from b' });

    await a.vault.remove(added.id);
    await world.settle([a, b]);
    expect(b.vault.list()).toEqual([]);
  });

  it('writes the vault only when a round changed something (each write starts another round)', async () => {
    await a.vault.add(sampleInput(1));
    const edited = a.vault.revision;
    await a.sync.syncNow();
    expect(a.vault.revision).toBe(edited + 1);
    // The next rounds find the journal published and nothing new: no write.
    await a.sync.syncNow();
    await a.sync.syncNow();
    expect(a.vault.revision).toBe(edited + 1);
    await b.sync.syncNow();
    const merged = b.vault.revision;
    await b.sync.syncNow();
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(b.vault.revision).toBe(merged);
  });

  it('names the devices and says what the last merge brought, from whom', async () => {
    await a.vault.addMany([sampleInput(1), sampleInput(2), sampleInput(3)]);
    await world.settle([a, b]);
    const status = b.sync.status();
    expect(status.phase).toBe('idle');
    expect(status.folder).toBe(world.folder);
    expect(status.devices.map((device) => [device.name, device.thisDevice])).toEqual([
      ['desktop', true],
      ['laptop', false],
    ]);
    expect(status.devices[1]!.lastSeen).not.toBeNull();
    expect(status.lastSync).not.toBeNull();
    expect(status.problems).toEqual([]);
    expect(status.lastMerge?.from).toEqual([
      { device: { id: a.sync.status().device!.id, name: 'laptop' }, accounts: 3 },
    ]);
    expect(b.statuses.some((pushed) => pushed.phase === 'syncing')).toBe(true);
  });

  it('puts nothing readable in the folder: no secret, issuer or account name', async () => {
    const input = sampleInput('plain-text-marker');
    await a.vault.add(input);
    await world.settle([a, b]);
    for (const name of await world.files()) {
      const text = await fs.readFile(path.join(world.folder, name), 'latin1');
      for (const secretish of [input.secret, input.issuer, input.label, 'laptop', 'desktop']) {
        expect(text, name).not.toContain(secretish);
      }
    }
  });

  it('takes in what the command line wrote to the vault between rounds', async () => {
    // Another process (authdesk add) with its own Vault on the same file; the app's copy is stale.
    const cli = await openUnlocked(a.file, PASSWORD, { kdf: TINY_KDF });
    await cli.add(sampleInput('from-cli'));
    cli.lock();
    await world.settle([a, b]);
    expect(b.vault.list().map((account) => account.secret)).toEqual([
      sampleInput('from-cli').secret,
    ]);
    expect(shown(a.vault.list())).toEqual(shown(b.vault.list()));
  });

  it('leaves the vault alone when a round finds nothing new, and still takes in what comes next', async () => {
    await a.vault.add(sampleInput(1));
    await world.settle([a, b]);
    await a.sync.syncNow(); // settled: nothing came in and nothing waits
    // Another process holds the vault's lock: a round that reads, decrypts and rewrites the vault
    // would wait for it (and end VAULT_BUSY); one with nothing to do does not touch the vault.
    const held = await lockVault(a.file, { waitMs: 1_000 });
    try {
      await expect(a.sync.syncNow()).resolves.toMatchObject({ phase: 'idle', problems: [] });
    } finally {
      await held.release();
    }
    await b.vault.add(sampleInput(2));
    await b.sync.syncNow();
    await a.sync.syncNow();
    expect(shown(a.vault.list())).toEqual(shown(b.vault.list()));
    expect(a.vault.list()).toHaveLength(2);
  });

  it('carries a restore (replace all) as operations: the other device ends with exactly the restored accounts', async () => {
    await a.vault.addMany([sampleInput(1), sampleInput(2), sampleInput(3)]);
    await world.settle([a, b]);
    await b.vault.add(sampleInput(4));
    await world.settle([b, a]);
    expect(a.vault.list()).toHaveLength(4);

    await a.vault.replaceAll([sampleInput(7), sampleInput(8)], ['kept tag']);
    await world.settle([a, b]);
    expect(shownSet(b.vault.list())).toEqual(shownSet(a.vault.list()));
    expect(
      b.vault
        .list()
        .map((account) => account.issuer)
        .sort(),
    ).toEqual(['Issuer7', 'Issuer8']);
  });

  it('keeps writing automatic backups, which never hold the sync data', async () => {
    const backupFolder = path.join(world.root, 'backups');
    await fs.mkdir(backupFolder);
    await b.vault.setBackupKey(await newBackupKey('backup password', TINY_KDF));
    const statuses: BackupStatus[] = [];
    const backups = new AutoBackup({
      clock: b.time,
      timers: b.time,
      folder: () => backupFolder,
      keep: () => 5,
      source: () => ({ ...b.vault.contents(), key: b.vault.backupKey() }),
      appVersion: '0.0.0-test',
      onStatus: (status) => statuses.push(status),
    });
    await a.vault.add(sampleInput('merged-then-backed-up'));
    await world.settle([a, b]);
    backups.changed();
    b.time.advance(5_000);
    await backups.settled();
    const [file] = await fs.readdir(backupFolder);
    expect(file).toBeDefined();
    const decoded = await decodeBackup(
      await fs.readFile(path.join(backupFolder, file!)),
      'backup password',
    );
    expect(decoded.accounts.map((account) => account.issuer)).toContain(
      'Issuermerged-then-backed-up',
    );
    expect(JSON.stringify(decoded)).not.toContain(b.sync.status().device!.id);
  });

  it('withdraws its pairing offer once the new device has appeared, when asked, and once it expired', async () => {
    expect((await world.files()).some((name) => name.endsWith('.pairing'))).toBe(false);
    expect(a.sync.status().pairing).toBeNull();
    const offer = await a.sync.offerPairing();
    expect(offer.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(offer.qrSvg).toContain('<svg');
    expect(a.sync.status().pairing).toEqual({ expiresAt: offer.expiresAt });
    await a.sync.withdrawPairing();
    expect(a.sync.status().pairing).toBeNull();
    expect((await world.files()).some((name) => name.endsWith('.pairing'))).toBe(false);

    // An offer nobody used is withdrawn by the first round after it expired.
    await a.sync.offerPairing();
    expect((await world.files()).some((name) => name.endsWith('.pairing'))).toBe(true);
    a.time.advance(10 * 60_000 + 1);
    expect(a.sync.status().pairing).toBeNull();
    await a.sync.syncNow();
    expect((await world.files()).some((name) => name.endsWith('.pairing'))).toBe(false);
  });

  it('tells another computer using a copy of this vault apart, and writes nothing from it', async () => {
    const copyFile = path.join(world.root, 'copy.json');
    await fs.copyFile(a.file, copyFile);
    await a.vault.add(sampleInput('after-the-copy'));
    await a.sync.syncNow();
    const before = await world.files();
    const copyVault = await openUnlocked(copyFile, PASSWORD, { kdf: TINY_KDF });
    await copyVault.add(sampleInput('only-on-the-copy'));
    const copy = serviceFor({ vault: copyVault, time: a.time, name: 'copy', statuses: [] });
    const status = await copy.syncNow();
    expect(status.problems.map((problem) => problem.kind)).toContain('identity');
    expect(await world.files()).toEqual(before);
    copyVault.lock();
    await b.sync.syncNow();
    expect(b.vault.list().map((account) => account.issuer)).toEqual(['Issuerafter-the-copy']);
  });

  it('takes a stray file named like its own for no identity clash, and keeps writing', async () => {
    const me = a.sync.status().device!.id;
    await fs.writeFile(path.join(world.folder, `${me}.0000000099.journal`), 'not a sync file\n');
    await a.vault.add(sampleInput('after-the-stray'));
    const status = await a.sync.syncNow();
    expect(status.problems.map((problem) => problem.kind)).not.toContain('identity');
    await b.sync.syncNow();
    expect(b.vault.list().map((account) => account.issuer)).toEqual(['Issuerafter-the-stray']);
  });

  it('stops: its files leave the folder, its accounts stay, the other device no longer lists it', async () => {
    await b.vault.add(sampleInput(5));
    await world.settle([b, a]);
    const bId = b.sync.status().device!.id;
    const status = await b.sync.stop();
    expect(status.phase).toBe('off');
    expect(b.vault.syncData()).toBeUndefined();
    expect(b.vault.list()).toHaveLength(1);
    expect((await world.files()).filter((name) => name.startsWith(bId))).toEqual([]);
    await a.sync.syncNow();
    expect(a.sync.status().devices.map((device) => device.name)).toEqual(['laptop']);
    expect(a.vault.list()).toHaveLength(1);
    // Off, a round is refused without pushing any status (the runner asks after every vault change).
    const pushed = b.statuses.length;
    await expect(codeOf(b.sync.syncNow())).resolves.toBe('SYNC_OFF');
    expect(b.statuses).toHaveLength(pushed);
  });
});

describe('setting up', () => {
  it('joining adopts an account this vault already had instead of doubling it', async () => {
    const a = await world.device('laptop');
    const b = await world.device('desktop');
    await a.vault.addMany([sampleInput(1), sampleInput(2)]);
    await b.vault.addMany([sampleInput(1), sampleInput(3)]);
    await a.sync.start({ folder: world.folder });
    const offer = await a.sync.offerPairing();
    await b.sync.join({ folder: world.folder, code: offer.code.toLowerCase() });
    await world.settle([a, b]);
    const issuers = b.vault.list().map((account) => account.issuer);
    expect(issuers.sort()).toEqual(['Issuer1', 'Issuer2', 'Issuer3']);
    expect(shownSet(a.vault.list())).toEqual(shownSet(b.vault.list()));
  });

  it('refuses a wrong, malformed or expired pairing code and sets nothing up', async () => {
    const a = await world.device('laptop');
    const b = await world.device('desktop');
    await a.sync.start({ folder: world.folder });
    const offer = await a.sync.offerPairing();
    const files = await world.files();
    const wrong = offer.code.replace(/^./, (c) => (c === '7' ? '8' : '7'));
    await expect(codeOf(b.sync.join({ folder: world.folder, code: wrong }))).resolves.toBe(
      'SYNC_PAIRING_WRONG',
    );
    await expect(codeOf(b.sync.join({ folder: world.folder, code: 'hello' }))).resolves.toBe(
      'SYNC_PAIRING_WRONG',
    );
    b.time.advance(11 * 60_000);
    await expect(codeOf(b.sync.join({ folder: world.folder, code: offer.code }))).resolves.toBe(
      'SYNC_PAIRING_EXPIRED',
    );
    expect(b.sync.status().phase).toBe('off');
    expect(b.vault.syncData()).toBeUndefined();
    expect(await world.files()).toEqual(files);
  });

  it('refuses to start in a folder in use, to join an empty one, and to start twice', async () => {
    const a = await world.device('laptop');
    const b = await world.device('desktop');
    const empty = path.join(world.root, 'Empty');
    await fs.mkdir(empty);
    await expect(
      codeOf(b.sync.join({ folder: empty, code: 'AAAA-AAAA-AAAA-AAAA-AAAA' })),
    ).resolves.toBe('SYNC_NOTHING_TO_JOIN');
    await a.sync.start({ folder: world.folder });
    await expect(codeOf(b.sync.start({ folder: world.folder }))).resolves.toBe(
      'SYNC_FOLDER_IN_USE',
    );
    await expect(codeOf(a.sync.start({ folder: empty }))).resolves.toBe('SYNC_ALREADY_ON');
    await expect(codeOf(a.sync.start({ folder: 'relative/folder' }))).resolves.toBe(
      'SYNC_ALREADY_ON',
    );
    await expect(codeOf(b.sync.start({ folder: 'relative/folder' }))).resolves.toBe(
      'INVALID_ARGUMENT',
    );
    await expect(codeOf(b.sync.start({ folder: path.join(world.root, 'missing') }))).resolves.toBe(
      'SYNC_FOLDER_UNREACHABLE',
    );
    expect(b.vault.syncData()).toBeUndefined();
  });

  it('joins with the sync password, refuses a wrong one, and not after it is removed', async () => {
    const a = await world.device('laptop');
    const b = await world.device('desktop');
    const c = await world.device('tablet');
    await expect(
      codeOf(a.sync.start({ folder: world.folder, syncPassword: 'too short' })),
    ).resolves.toBe('PASSWORD_INVALID');
    await a.sync.start({ folder: world.folder, syncPassword: SYNC_PASSWORD });
    expect(a.sync.status().joinByPassword).toBe(true);
    await a.vault.add(sampleInput(1));
    await a.sync.syncNow();
    await expect(
      codeOf(b.sync.join({ folder: world.folder, syncPassword: 'not the sync password' })),
    ).resolves.toBe('SYNC_PASSWORD_WRONG');
    await b.sync.join({ folder: world.folder, syncPassword: SYNC_PASSWORD });
    expect(b.vault.list().map((account) => account.issuer)).toEqual(['Issuer1']);

    await a.sync.setSyncPassword(null);
    expect(a.sync.status().joinByPassword).toBe(false);
    expect((await world.files()).some((name) => name.endsWith('.password'))).toBe(false);
    await expect(
      codeOf(c.sync.join({ folder: world.folder, syncPassword: SYNC_PASSWORD })),
    ).resolves.toBe('SYNC_NO_PASSWORD');
  });

  it('pauses when the folder goes away and catches up when it is back, losing nothing', async () => {
    const [a, b] = await world.paired('laptop', 'desktop');
    const away = `${world.folder}-unmounted`;
    await fs.rename(world.folder, away);
    await a.vault.add(sampleInput('while-away'));
    await expect(codeOf(a.sync.syncNow())).resolves.toBe('SYNC_FOLDER_UNREACHABLE');
    expect(a.sync.status().phase).toBe('paused');
    expect(a.vault.list()).toHaveLength(1);
    await fs.rename(away, world.folder);
    await world.settle([a, b]);
    expect(a.sync.status().phase).toBe('idle');
    expect(b.vault.list().map((account) => account.issuer)).toEqual(['Issuerwhile-away']);
  });

  it('pauses at an empty mount point (a share not mounted) instead of writing to it', async () => {
    const [a, b] = await world.paired('laptop', 'desktop');
    const away = `${world.folder}-unmounted`;
    await fs.rename(world.folder, away);
    await fs.mkdir(world.folder); // the mount point stays, empty, while the share is away
    await a.vault.add(sampleInput('while-away'));
    await expect(codeOf(a.sync.syncNow())).resolves.toBe('SYNC_FOLDER_UNREACHABLE');
    expect(a.sync.status().phase).toBe('paused');
    expect(await fs.readdir(world.folder)).toEqual([]);
    await fs.rmdir(world.folder);
    await fs.rename(away, world.folder);
    await world.settle([a, b]);
    expect(a.sync.status().phase).toBe('idle');
    expect(b.vault.list().map((account) => account.issuer)).toEqual(['Issuerwhile-away']);
  });
});
