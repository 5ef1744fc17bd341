// `authdesk export` and `authdesk import`, spawned as a user runs them, on real vaults and files in a temp folder.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AccountInput } from '../../shared/account';
import { decodeQrFromBytes } from '../../electron/qr/decode';
import { formatOtpauthUri } from '../../shared/otpauth';
import { encodeBackup, newBackupKey } from '../../electron/transfer/backup-file';
import { decodeMigrationUri, migrationUnsupportedReason } from '../../shared/migration';
import { Vault } from '../../electron/vault/vault';
import { assertBuilt, REPO, runCli } from '../harness/cli';
import { hasScript, runOnPty } from '../harness/pty';
import {
  makeTempDir,
  openUnlocked,
  removeTempDir,
  sampleInput,
  TINY_KDF,
} from '../harness/vault-fixtures';

const BIN = path.join(REPO, 'bin', 'authdesk.js');
const VAULT_PASSWORD = 'vault password for transfer tests';
const BACKUP_PASSWORD = 'a different backup password';

/** Everything a vault can hold about an account, so the round trip is judged on all of it. */
const ORIGINALS: AccountInput[] = [
  sampleInput('aws', {
    issuer: 'Amazon Web Services',
    label: 'root@123456789012',
    tags: ['Work', 'Root'],
    note: 'root account\nsecond line',
    pinned: true,
    awsSerial: 'arn:aws:iam::123456789012:mfa/root',
  }),
  sampleInput('sha512', { algorithm: 'SHA512', digits: 8, period: 60, tags: ['Work'] }),
  sampleInput('hotp', { type: 'hotp', counter: 41, algorithm: 'SHA256' }),
  sampleInput('steam', { type: 'steam', digits: 5, issuer: 'Steam', tags: ['Games'] }),
  sampleInput('unicode', { issuer: '銀行 Ünïcödé', label: 'アリス' }),
];

let dir: string;
const file = (name: string) => path.join(dir, name);

/** A vault made in-process with a cheap KDF; the CLI reads the cost from the file. */
async function makeVault(name: string, inputs: AccountInput[]) {
  const vault = await Vault.create(file(name), VAULT_PASSWORD, { kdf: TINY_KDF });
  if (inputs.length > 0) await vault.addMany(inputs, { skipDuplicates: false });
  vault.lock();
  return file(name);
}

/** A backup written by the product's own encoder, with a cheap KDF. */
async function makeBackup(name: string, inputs: AccountInput[], password = BACKUP_PASSWORD) {
  const stamp = '2025-01-02T03:04:05.000Z';
  const accounts: Account[] = inputs.map((input, i) => ({
    ...input,
    id: `00000000-0000-4000-8000-00000000000${i}`,
    createdAt: stamp,
    updatedAt: stamp,
  }));
  const key = await newBackupKey(password, TINY_KDF);
  const text = encodeBackup({ accounts, groups: ['Work'] }, key, {
    appVersion: '0.0.0-test',
    now: new Date(stamp),
  });
  await writeFile(file(name), text);
  return file(name);
}

async function accountsIn(vaultPath: string): Promise<AccountInput[]> {
  const vault = await openUnlocked(vaultPath, VAULT_PASSWORD);
  try {
    return vault.list().map(withoutIdentity);
  } finally {
    vault.lock();
  }
}

function withoutIdentity(account: Account): AccountInput {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, createdAt, updatedAt, ...rest } = account;
  return rest;
}

const cli = (vaultPath: string, args: string[], stdin: string) =>
  runCli(['--vault', vaultPath, '--password-stdin', ...args], { stdin });

/** The vault file's bytes and its folder's listing: "unchanged" means both stayed the same. */
async function snapshot(vaultPath: string) {
  return { bytes: await readFile(vaultPath), files: (await readdir(dir)).sort() };
}

beforeAll(async () => {
  assertBuilt();
  dir = await makeTempDir();
});
afterAll(() => removeTempDir(dir));

describe('authdesk export', () => {
  it('writes a backup that imports into a fresh vault as the same accounts and groups', async () => {
    const source = await makeVault('source.json', ORIGINALS);
    const backup = file('all.authdesk');
    const exported = await cli(
      source,
      ['export', '--out', backup],
      `${VAULT_PASSWORD}\n${BACKUP_PASSWORD}\n`,
    );
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toBe(`Backed up ${ORIGINALS.length} accounts to ${backup}\n`);
    const raw = await readFile(backup, 'utf8');
    for (const a of ORIGINALS) expect(raw).not.toContain(a.secret);

    const fresh = await makeVault('fresh.json', []);
    const imported = await cli(
      fresh,
      ['import', backup, '--yes'],
      `${VAULT_PASSWORD}\n${BACKUP_PASSWORD}\n`,
    );
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Authdesk backup, 5 account(s)');
    expect(imported.stdout).toContain(`Imported ${ORIGINALS.length} account(s)`);
    expect(await accountsIn(fresh)).toEqual(await accountsIn(source));
    expect(await accountsIn(fresh)).toEqual(ORIGINALS);
    const vault = await openUnlocked(fresh, VAULT_PASSWORD);
    expect(vault.contents().groups).toEqual(['Work', 'Root', 'Games']);
    vault.lock();
  });

  it('refuses to overwrite an existing file unless --force, before asking any password', async () => {
    const source = await makeVault('overwrite.json', [sampleInput(1)]);
    await writeFile(file('taken.authdesk'), 'keep me');
    const refused = await cli(source, ['export', '--out', file('taken.authdesk')], '');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('already exists');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(file('taken.authdesk'), 'utf8')).toBe('keep me');
  });

  it('refuses a wrong vault password (exit 3) and writes nothing', async () => {
    const source = await makeVault('wrongpw.json', [sampleInput(2)]);
    const result = await cli(
      source,
      ['export', '--out', file('never.authdesk')],
      `not the password\n${BACKUP_PASSWORD}\n`,
    );
    expect(result.status).toBe(3);
    expect(await readdir(dir)).not.toContain('never.authdesk');
  });
});

describe('authdesk export --format', () => {
  const EXPORT_PASSWORD = 'an aegis export password';
  /** What Aegis can carry of an account: all but the AWS MFA device ARN. */
  const inAegis = (a: AccountInput) => ({ ...a, awsSerial: undefined });

  it('aegis: an encrypted Aegis vault that `import` reads back as the same accounts', async () => {
    const source = await makeVault('aegis-source.json', ORIGINALS);
    const out = file('aegis.json');
    const exported = await cli(
      source,
      ['export', '--format', 'aegis', '--out', out],
      `${VAULT_PASSWORD}\n${EXPORT_PASSWORD}\n`,
    );
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toBe(
      `Exported ${ORIGINALS.length} accounts (encrypted Aegis vault) to ${out}\n`,
    );
    const raw = await readFile(out, 'utf8');
    for (const a of ORIGINALS) expect(raw).not.toContain(a.secret);
    const file1 = JSON.parse(raw);
    expect(file1.header.slots).toHaveLength(1);
    expect(file1.header.slots[0]).toMatchObject({ type: 1, n: 32768, r: 8, p: 1 });

    const fresh = await makeVault('aegis-fresh.json', []);
    const imported = await cli(
      fresh,
      ['import', out, '--yes'],
      `${VAULT_PASSWORD}\n${EXPORT_PASSWORD}\n`,
    );
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported ${ORIGINALS.length} account(s)`);
    expect(await accountsIn(fresh)).toEqual(ORIGINALS.map(inAegis));
  });

  it('aegis-plain: refused without --yes where there is no terminal, before any password', async () => {
    const source = await makeVault('plain-refused.json', ORIGINALS);
    const out = file('never-plain.json');
    // Empty stdin: asking for a password would fail with "standard input ended" instead.
    const refused = await cli(source, ['export', '--format', 'aegis-plain', '--out', out], '');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('plain text');
    expect(refused.stderr).toContain('--yes');
    expect(await readdir(dir)).not.toContain('never-plain.json');
  });

  it('aegis-plain --yes: a plain Aegis vault that imports as the same accounts', async () => {
    const source = await makeVault('plain-source.json', ORIGINALS);
    const out = file('plain.json');
    const exported = await cli(
      source,
      ['export', '--format', 'aegis-plain', '--out', out, '--yes'],
      `${VAULT_PASSWORD}\n`,
    );
    expect(exported.status, exported.stderr).toBe(0);
    const plain = JSON.parse(await readFile(out, 'utf8'));
    expect(plain.header).toEqual({ slots: null, params: null });
    expect(plain.db.groups.map((g: { name: string }) => g.name)).toEqual(['Work', 'Root', 'Games']);
    const fresh = await makeVault('plain-fresh.json', []);
    const imported = await cli(fresh, ['import', out, '--yes'], `${VAULT_PASSWORD}\n`);
    expect(imported.status, imported.stderr).toBe(0);
    expect(await accountsIn(fresh)).toEqual(ORIGINALS.map(inAegis));
  });

  it('otpauth --yes without --out prints one link per account', async () => {
    const source = await makeVault('otpauth-source.json', ORIGINALS);
    const result = await cli(
      source,
      ['export', '--format', 'otpauth', '--yes'],
      `${VAULT_PASSWORD}\n`,
    );
    expect(result.status, result.stderr).toBe(0);
    const links = result.stdout.split('\n').filter((l) => l.startsWith('otpauth://'));
    expect(links).toHaveLength(ORIGINALS.length);
    expect(result.stdout).toContain('# WARNING');
  });

  it('google-qr --yes --out FILE.png writes QR images that scan to the export link; Steam is named as left out', async () => {
    const source = await makeVault('google-source.json', ORIGINALS);
    const out = file('google.png');
    const result = await cli(
      source,
      ['export', '--format', 'google-qr', '--yes', '--out', out],
      `${VAULT_PASSWORD}\n`,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Left out Steam \(usersteam@example\.com\): /);
    expect(result.stderr).toMatch(/Left out Issuersha512 \(usersha512@example\.com\): /);
    const texts = await decodeQrFromBytes(await readFile(out));
    expect(texts).toHaveLength(1);
    const decoded = decodeMigrationUri(texts[0]!);
    expect(decoded.accounts.map((a) => a.label).sort()).toEqual(
      ORIGINALS.filter((a) => migrationUnsupportedReason(a) === null)
        .map((a) => a.label)
        .sort(),
    );

    const text = await cli(
      source,
      ['export', '--format', 'google-qr', '--yes'],
      `${VAULT_PASSWORD}\n`,
    );
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^otpauth-migration:\/\/offline\?data=\S+\n$/);
  });

  it('an unknown format is a usage error (exit 2) that lists the formats', async () => {
    const source = await makeVault('bad-format.json', [sampleInput('fmt')]);
    const result = await cli(source, ['export', '--format', 'keepass', '--out', file('k')], '');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('authdesk, aegis, aegis-plain, otpauth, google-qr');
  });
});

describe('authdesk import', () => {
  it('rejects a wrong vault password (exit 3) and leaves the vault unchanged', async () => {
    const vaultPath = await makeVault('import-wrong-vault.json', [sampleInput(3)]);
    const backup = await makeBackup('b1.authdesk', [sampleInput(4)]);
    const before = await snapshot(vaultPath);
    const result = await cli(
      vaultPath,
      ['import', backup, '--yes'],
      `wrong vault password\n${BACKUP_PASSWORD}\n`,
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/password/i);
    expect(await snapshot(vaultPath)).toEqual(before);
  });

  it('rejects a wrong backup password (exit 3), says which, and leaves the vault unchanged', async () => {
    const vaultPath = await makeVault('import-wrong-backup.json', [sampleInput(5)]);
    const backup = await makeBackup('b2.authdesk', [sampleInput(6)]);
    const before = await snapshot(vaultPath);
    const result = await cli(
      vaultPath,
      ['import', backup, '--yes'],
      `${VAULT_PASSWORD}\nnot the backup password\n`,
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('does not open this backup');
    expect(result.stderr).toContain('Nothing was imported');
    expect(await snapshot(vaultPath)).toEqual(before);
  });

  it('refuses a truncated backup (exit 11) and leaves the vault unchanged', async () => {
    const vaultPath = await makeVault('import-truncated.json', [sampleInput(7)]);
    const backup = await makeBackup('b3.authdesk', [sampleInput(8), sampleInput(9)]);
    const bytes = await readFile(backup);
    await writeFile(backup, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const before = await snapshot(vaultPath);
    const result = await cli(
      vaultPath,
      ['import', backup, '--yes'],
      `${VAULT_PASSWORD}\n${BACKUP_PASSWORD}\n`,
    );
    expect(result.status).toBe(11);
    expect(result.stderr).toMatch(/incomplete|damaged/);
    expect(await snapshot(vaultPath)).toEqual(before);
  });

  it('refuses a file it does not know (exit 11) without asking for any password', async () => {
    const vaultPath = await makeVault('import-unknown.json', [sampleInput(10)]);
    await writeFile(file('notes.txt'), 'groceries: milk, eggs\nnothing to see here\n');
    const before = await snapshot(vaultPath);
    // Empty stdin: asking for a password would fail with "standard input ended" (exit 2) instead.
    const result = await cli(vaultPath, ['import', file('notes.txt'), '--yes'], '');
    expect(result.status).toBe(11);
    expect(result.stderr).toContain('Nothing was imported');
    expect(result.stdout).toBe('');
    expect(await snapshot(vaultPath)).toEqual(before);
  });

  it('reports a missing file (exit 1) and asks for no terminal confirmation without --yes', async () => {
    const vaultPath = await makeVault('import-missing.json', []);
    const missing = await cli(vaultPath, ['import', file('nope.authdesk'), '--yes'], '');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const noTerminal = await cli(vaultPath, ['import', file('nope.authdesk')], '');
    expect(noTerminal.status).toBe(2);
    expect(noTerminal.stderr).toContain('--yes');
  });

  it('replaces the vault with --replace, keeping the old vault as a copy that still opens', async () => {
    const old = [sampleInput('old1'), sampleInput('old2')];
    const vaultPath = await makeVault('import-replace.json', old);
    const incoming = [sampleInput('new1'), sampleInput('old1')];
    const backup = await makeBackup('b4.authdesk', incoming);
    const result = await cli(
      vaultPath,
      ['import', backup, '--replace', '--yes'],
      `${VAULT_PASSWORD}\n${BACKUP_PASSWORD}\n`,
    );
    expect(result.status, result.stderr).toBe(0);
    const copy = /kept as a copy: (.+)$/m.exec(result.stdout)?.[1];
    expect(copy).toBeDefined();
    expect(path.dirname(copy!)).toBe(dir);
    expect(await accountsIn(vaultPath)).toEqual(incoming);
    expect(await accountsIn(copy!)).toEqual(old);
  });

  it('imports the good lines of an otpauth list and reports the bad one by line number', async () => {
    const vaultPath = await makeVault('import-list.json', []);
    const good1 = sampleInput('list1', { issuer: 'GitHub', label: 'octocat' });
    const good2 = sampleInput('list2', { issuer: 'Slack', label: 'me' });
    const uri = (a: AccountInput) =>
      `otpauth://totp/${a.issuer}:${a.label}?secret=${a.secret}&issuer=${a.issuer}`;
    await writeFile(
      file('accounts.txt'),
      ['# exported by hand', uri(good1), '', 'otpauth://totp/Bad:x?secret=not*base32', uri(good2)]
        .map((l) => `${l}\n`)
        .join(''),
    );
    const result = await cli(
      vaultPath,
      ['import', file('accounts.txt'), '--yes'],
      `${VAULT_PASSWORD}\n`,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('otpauth:// list, 2 account(s)');
    expect(result.stdout).toMatch(/line 4/i);
    expect(result.stdout).toContain('Imported 2 account(s)');
    expect(await accountsIn(vaultPath)).toEqual([good1, good2]);
  });

  it('prints one JSON object with names only: added, skipped duplicates, problems, no secret', async () => {
    const existing = sampleInput('dup');
    const vaultPath = await makeVault('import-json.json', [existing]);
    const incoming = [sampleInput('json1'), existing, sampleInput('json2')];
    const backup = await makeBackup('b5.authdesk', incoming);
    const result = await cli(
      vaultPath,
      ['import', backup, '--yes', '--json'],
      `${VAULT_PASSWORD}\n${BACKUP_PASSWORD}\n`,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      file: backup,
      format: 'authdesk-backup',
      added: [incoming[0], incoming[2]].map((a) => ({ issuer: a!.issuer, label: a!.label })),
      skipped: [
        {
          issuer: existing.issuer,
          label: existing.label,
          reason: 'already in the vault',
          existing: 'Issuerdup (userdup@example.com)',
        },
      ],
      problems: [],
    });
    for (const a of incoming) expect(result.stdout).not.toContain(a.secret);
    expect(result.stdout).not.toMatch(/secret|otpauth/i);
  });

  it('keeps every entry that differs, skips and names the vault duplicate and the exact repeat; the summary counts the lines', async () => {
    const held = sampleInput('held', { issuer: 'Held', label: 'in the vault' });
    const vaultPath = await makeVault('import-rule.json', [held]);
    const alice1 = sampleInput('alice1', { issuer: 'Example', label: 'alice@google.com' });
    const alice2 = sampleInput('alice2', { issuer: 'Example', label: 'alice@google.com' });
    const hotp = { ...alice1, type: 'hotp' as const, counter: 7 };
    const renamedHeld = { ...held, issuer: 'Renamed', label: 'elsewhere' };
    const lines = [alice1, alice2, hotp, renamedHeld, alice1].map(formatOtpauthUri);
    await writeFile(file('rule.txt'), lines.join('\n'));
    const result = await cli(
      vaultPath,
      ['import', file('rule.txt'), '--yes'],
      `${VAULT_PASSWORD}\n`,
    );
    expect(result.status, result.stderr).toBe(0);
    const shown = result.stdout.split('\n');
    const entryLines = shown.filter((l) => /^ {2}\d\. /.test(l));
    expect(entryLines).toHaveLength(5);
    expect(entryLines[0]).toMatch(/^ {2}1\. Example \(alice@google\.com\) .* new$/);
    expect(entryLines[1]).toMatch(/^ {2}2\. Example \(alice@google\.com\) .* new$/);
    expect(entryLines[2]).toMatch(/^ {2}3\. .*HOTP.* new$/);
    expect(entryLines[3]).toMatch(/skipped: already in the vault as "Held \(in the vault\)"$/);
    expect(entryLines[4]).toMatch(/skipped: repeat of 1 \(found twice in the file\)$/);
    expect(result.stdout).toContain(
      'To add: 3 account(s); to skip: 2 (1 already in the vault, 1 found twice in the file).',
    );
    expect(result.stdout).toContain('Imported 3 account(s)');
    expect(result.stdout).toContain(
      'Skipped "Renamed (elsewhere)": already in the vault as "Held (in the vault)".',
    );
    expect(result.stdout).toContain('Skipped "Example (alice@google.com)": repeat of 1');
    expect(await accountsIn(vaultPath)).toEqual([held, alice1, alice2, hotp]);

    // --json says the same per account: the same-name one noted, every skipped one with its reason.
    const again = sampleInput('held', { issuer: 'Held', label: 'in the vault', digits: 8 });
    await writeFile(file('rule2.txt'), [again, renamedHeld].map(formatOtpauthUri).join('\n'));
    const json = await cli(
      vaultPath,
      ['import', file('rule2.txt'), '--yes', '--json'],
      `${VAULT_PASSWORD}\n`,
    );
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      added: [{ issuer: 'Held', label: 'in the vault', sameNameAs: 'Held (in the vault)' }],
      skipped: [
        {
          issuer: 'Renamed',
          label: 'elsewhere',
          reason: 'already in the vault',
          existing: 'Held (in the vault)',
        },
      ],
    });
  });

  it('--allow-duplicate adds the account already in the vault under another name, still once', async () => {
    const held = sampleInput('held2');
    const vaultPath = await makeVault('import-allow.json', [held]);
    const renamed = { ...held, label: 'second device' };
    await writeFile(file('allow.txt'), [renamed, renamed].map(formatOtpauthUri).join('\n'));
    const result = await cli(
      vaultPath,
      ['import', file('allow.txt'), '--yes', '--allow-duplicate', '--json'],
      `${VAULT_PASSWORD}\n`,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      added: [
        {
          issuer: renamed.issuer,
          label: 'second device',
          existing: 'Issuerheld2 (userheld2@example.com)',
        },
      ],
      skipped: [{ label: 'second device', reason: 'twice in the file', repeatOf: 1 }],
    });
    expect(result.stderr).toContain('added although already in the vault as');
    expect(await accountsIn(vaultPath)).toEqual([held, renamed]);
  });

  it('with --json, a failure is one JSON object too: the file and the error, exit code kept', async () => {
    const vaultPath = await makeVault('import-json-fail.json', []);
    const broken = file('broken.json');
    await writeFile(broken, '{"this is": "no export"}');
    const before = await snapshot(vaultPath);
    const result = await cli(
      vaultPath,
      ['import', broken, '--yes', '--json'],
      `${VAULT_PASSWORD}\n`,
    );
    expect(result.status).toBe(11);
    const printed = JSON.parse(result.stdout) as {
      file: string;
      error: { code: string; message: string };
    };
    expect(printed).toEqual({
      file: broken,
      error: {
        code: 'FILE_UNRECOGNIZED',
        message: expect.stringContaining('Nothing was imported.'),
      },
    });
    expect(result.stderr).toContain(printed.error.message);
    expect(await snapshot(vaultPath)).toEqual(before);
  });

  it('names `authdesk scan --add` for a screenshot given to import', async () => {
    const vaultPath = await makeVault('import-image.json', []);
    const shot = file('shot.png');
    await writeFile(
      shot,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    );
    const result = await cli(vaultPath, ['import', shot, '--yes'], `${VAULT_PASSWORD}\n`);
    expect(result.status).toBe(11);
    expect(result.stderr).toContain('This is a PNG image, not an export file.');
    expect(result.stderr).toContain('`authdesk scan --add <image>` in a terminal');
  });
});

describe.skipIf(!hasScript)('authdesk export and import at a terminal', () => {
  const onPty = (vaultPath: string, ...args: string[]) => [
    process.execPath,
    BIN,
    '--vault',
    vaultPath,
    ...args,
  ];

  it('shows the preview, and changes nothing when the answer is no (merge and replace)', async () => {
    const vaultPath = await makeVault('pty-refuse.json', [sampleInput('pty-old')]);
    const backup = await makeBackup('pty.authdesk', [
      sampleInput('pty-new'),
      sampleInput('pty-old'),
    ]);
    const before = await snapshot(vaultPath);
    const merge = await runOnPty(onPty(vaultPath, 'import', backup), [
      { expect: 'Vault password: ', type: `${VAULT_PASSWORD}\r` },
      { expect: 'Backup password: ', type: `${BACKUP_PASSWORD}\r` },
      { expect: '[y/N] ', type: 'n\r' },
    ]);
    expect(merge.status).toBe(0);
    expect(merge.screen).toContain('Issuerpty-old (userpty-old@example.com)');
    expect(merge.screen).toMatch(
      /userpty-old@example\.com\) {2}\(TOTP SHA1 6 digits, 30 s\) {2}skipped: already in the vault as "Issuerpty-old/,
    );
    expect(merge.screen).toContain('Import 1 account(s)? [y/N]');
    expect(merge.screen).toContain('Nothing was imported.');
    expect(merge.screen).not.toContain(VAULT_PASSWORD);

    const replace = await runOnPty(onPty(vaultPath, 'import', backup, '--replace'), [
      { expect: 'Vault password: ', type: `${VAULT_PASSWORD}\r` },
      { expect: 'Backup password: ', type: `${BACKUP_PASSWORD}\r` },
      { expect: '[y/N] ', type: '\r' },
    ]);
    expect(replace.status).toBe(0);
    expect(replace.screen).toContain('kept as a copy');
    expect(replace.screen).toContain('Replace all 1 account(s) in the vault with these 2? [y/N]');
    expect(replace.screen).toContain('Nothing was imported.');
    expect(await snapshot(vaultPath)).toEqual(before);
  });

  it('aegis-plain at a terminal shows the warning and writes nothing when the answer is no', async () => {
    const vaultPath = await makeVault('pty-plain.json', [sampleInput('pty-plain')]);
    const out = file('pty-plain-aegis.json');
    const { status, screen } = await runOnPty(
      onPty(vaultPath, 'export', '--format', 'aegis-plain', '--out', out),
      [{ expect: '[y/N] ', type: 'n\r' }],
    );
    expect(status).toBe(0);
    expect(screen).toContain('This export is not encrypted');
    expect(screen).toContain('Anyone who reads it can make your sign-in codes');
    expect(screen).toContain('Nothing was exported.');
    expect(screen).not.toContain('Vault password');
    expect(await readdir(dir)).not.toContain('pty-plain-aegis.json');
  });

  it('aegis asks for the export password twice and refuses two different entries', async () => {
    const vaultPath = await makeVault('pty-aegis.json', [sampleInput('pty-aegis')]);
    const out = file('pty-aegis.json.out');
    const { status, screen } = await runOnPty(
      onPty(vaultPath, 'export', '--format', 'aegis', '--out', out),
      [
        { expect: 'Vault password: ', type: `${VAULT_PASSWORD}\r` },
        { expect: 'Export password: ', type: 'first export password\r' },
        { expect: 'Export password (again): ', type: 'second export password\r' },
      ],
    );
    expect(status).toBe(3);
    expect(screen).toContain('do not match');
    expect(await readdir(dir)).not.toContain('pty-aegis.json.out');
  });

  it('asks for the backup password twice and refuses two different entries', async () => {
    const vaultPath = await makeVault('pty-export.json', [sampleInput('pty-export')]);
    const out = file('pty-mismatch.authdesk');
    const { status, screen } = await runOnPty(onPty(vaultPath, 'export', '--out', out), [
      { expect: 'Vault password: ', type: `${VAULT_PASSWORD}\r` },
      { expect: 'Backup password: ', type: 'first backup password\r' },
      { expect: 'Backup password (again): ', type: 'second backup password\r' },
    ]);
    expect(status).toBe(3);
    expect(screen).toContain('do not match');
    expect(await readdir(dir)).not.toContain('pty-mismatch.authdesk');
  });
});
