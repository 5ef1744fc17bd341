// `authdesk scan`, spawned as a user runs it, on QR images written to a temp folder.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import { encodeMigrationUris } from '../../shared/migration';
import { Vault } from '../../electron/vault/vault';
import { assertBuilt, runCli } from '../harness/cli';
import { TINY_KDF } from '../harness/vault-fixtures';

const PASSWORD = 'scan test password';
const AWS_URI =
  'otpauth://totp/Amazon%20Web%20Services:root@123456789012?secret=JBSWY3DPEHPK3PXP&issuer=Amazon%20Web%20Services';
const exported: AccountInput[] = ['GitHub', 'Google', 'Slack'].map((issuer, i) => ({
  issuer,
  label: `alice${i}`,
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: ['GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK', 'KRSXG5CTMVRXEZLU'][i]!,
}));

let dir: string;
const file = (name: string) => path.join(dir, name);

/**
 * An empty vault, made here at the test cost rather than by `authdesk init` (cli.test.ts proves
 * init): each command below unlocks it, ~0.4 s of CPU apiece at the default cost.
 */
async function newVault(at: string): Promise<void> {
  (await Vault.create(at, PASSWORD, { kdf: TINY_KDF })).lock();
}

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-scan-'));
  await writeFile(file('aws.png'), await QRCode.toBuffer(AWS_URI, { scale: 6 }));
  await writeFile(
    file('export.png'),
    await QRCode.toBuffer(encodeMigrationUris(exported)[0]!, { scale: 4 }),
  );
  await writeFile(
    file('url.png'),
    await QRCode.toBuffer('https://example.com/not-a-code', { scale: 6 }),
  );
  await writeFile(
    file('blank.png'),
    await QRCode.toBuffer('x', { scale: 6, color: { dark: '#ffffffff' } }),
  );
  await writeFile(file('notes.txt'), 'this is not an image');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('authdesk scan', () => {
  it('prints the accounts in a QR screenshot, one JSON line per image, without secrets', async () => {
    const result = await runCli(['scan', '--json', file('aws.png'), file('export.png')]);
    expect(result.status, result.stderr).toBe(0);
    const [aws, exp] = lines(result.stdout);
    expect(aws).toEqual({
      file: file('aws.png'),
      payloads: [
        {
          accounts: [
            {
              issuer: 'Amazon Web Services',
              label: 'root@123456789012',
              type: 'totp',
              algorithm: 'SHA1',
              digits: 6,
              period: 30,
            },
          ],
        },
      ],
    });
    expect((exp!.payloads as { accounts: unknown[] }[])[0]!.accounts).toHaveLength(3);
    expect(result.stdout).not.toContain('JBSWY3DPEHPK3PXP');
    expect(result.stdout).not.toContain('otpauth');
  });

  it('shows the decoded text and the secrets only with --show-secrets', async () => {
    const result = await runCli(['scan', '--json', '--show-secrets', file('aws.png')]);
    const [aws] = lines(result.stdout);
    const payload = (aws!.payloads as { text: string; accounts: { secret: string }[] }[])[0]!;
    expect(payload.text).toBe(AWS_URI);
    expect(payload.accounts[0]!.secret).toBe('JBSWY3DPEHPK3PXP');
  });

  it('names a non-OTP QR code by what is safe to show (a web address), imports nothing, and exits 10', async () => {
    const result = await runCli(['scan', '--json', file('url.png')]);
    expect(result.status).toBe(10);
    const [url] = lines(result.stdout);
    expect(url!.payloads).toEqual([
      {
        accounts: [],
        error: expect.objectContaining({ code: 'QR_NOT_OTP' }),
        detail: 'https://example.com/not-a-code',
      },
    ]);
  });

  it('explains an image without a code and a file that is not an image (exit 10)', async () => {
    const result = await runCli(['scan', '--json', file('blank.png'), file('notes.txt')]);
    expect(result.status).toBe(10);
    const [blank, notes] = lines(result.stdout);
    expect(blank!.error).toMatchObject({ code: 'QR_NOT_FOUND' });
    expect(notes!.error).toMatchObject({ code: 'IMAGE_UNREADABLE' });
  });

  it('prints a readable line per account without --json', async () => {
    const result = await runCli(['scan', file('aws.png')]);
    expect(result.stdout).toContain(
      'Amazon Web Services (root@123456789012)  (TOTP SHA1 6 digits, 30 s)',
    );
  });

  it('adds the scanned accounts with --add --yes, skipping ones already in the vault', async () => {
    const vault = file('vault.json');
    await newVault(vault);
    const first = await runCli(
      [
        '--vault',
        vault,
        '--password-stdin',
        'scan',
        '--add',
        '--yes',
        file('aws.png'),
        file('export.png'),
      ],
      {
        stdin: `${PASSWORD}\n`,
      },
    );
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Added 4 account(s).');
    const again = await runCli(
      ['--vault', vault, '--password-stdin', 'scan', '--add', '--yes', file('aws.png')],
      {
        stdin: `${PASSWORD}\n`,
      },
    );
    expect(again.stdout).toContain('To add: 0 account(s); to skip: 1 (1 already in the vault).');
    expect(again.stdout).toMatch(
      /1\. Amazon Web Services \(root@123456789012\) .* skipped: already in the vault as "Amazon Web Services \(root@123456789012\)"/,
    );
    const list = await runCli(['--vault', vault, '--password-stdin', 'list', '--json'], {
      stdin: `${PASSWORD}\n`,
    });
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(4);
  });
});

describe('authdesk scan --add: what the preview says is what happens', () => {
  /** A two-code Google export: same-name entries with other keys, an HOTP sharing a key, one renamed copy of a vault account. */
  const held: AccountInput = { ...exported[0]!, issuer: 'Held', label: 'in the vault' };
  const google: AccountInput[] = [
    { ...exported[1]!, issuer: 'Example', label: 'alice@google.com' },
    { ...exported[2]!, issuer: 'Example', label: 'alice@google.com' },
    { ...exported[1]!, issuer: 'Example', label: 'alice@google.com', type: 'hotp', counter: 4 },
    { ...held, issuer: 'Renamed', label: 'elsewhere' },
  ];

  beforeAll(async () => {
    const [part1, part2] = encodeMigrationUris(google, { perBatch: 2, batchId: 7 });
    await writeFile(file('google-1.png'), await QRCode.toBuffer(part1!, { scale: 4 }));
    await writeFile(file('google-2.png'), await QRCode.toBuffer(part2!, { scale: 4 }));
  });

  async function vaultHolding(name: string, account: AccountInput): Promise<string> {
    const vault = file(name);
    await newVault(vault);
    const uri = `otpauth://totp/${account.issuer}:${encodeURIComponent(account.label)}?secret=${account.secret}&issuer=${account.issuer}`;
    const added = await runCli(['--vault', vault, '--password-stdin', 'add', uri], {
      stdin: `${PASSWORD}\n`,
    });
    expect(added.status, added.stderr).toBe(0);
    return vault;
  }

  const scanAdd = (vault: string, ...args: string[]) =>
    runCli(['--vault', vault, '--password-stdin', 'scan', '--add', '--yes', ...args], {
      stdin: `${PASSWORD}\n`,
    });

  it('names every account with what happens to it, and adds exactly the ones it announced', async () => {
    const vault = await vaultHolding('scan-rule.json', held);
    // The first code given twice: its two accounts are repeats, named as such.
    const result = await scanAdd(
      vault,
      file('google-1.png'),
      file('google-2.png'),
      file('google-1.png'),
    );
    expect(result.status, result.stderr).toBe(0);
    const entries = result.stdout.split('\n').filter((l) => /^ {2}\d\. /.test(l));
    expect(entries).toHaveLength(6);
    expect(entries.slice(0, 3).every((l) => l.endsWith('  new'))).toBe(true);
    expect(entries[2]).toContain('HOTP');
    expect(entries[3]).toMatch(
      /Renamed \(elsewhere\) .* skipped: already in the vault as "Held \(in the vault\)"$/,
    );
    expect(entries[4]).toMatch(/skipped: repeat of 1 \(found twice in the images\)$/);
    expect(entries[5]).toMatch(/skipped: repeat of 2 \(found twice in the images\)$/);
    expect(result.stdout).toContain(
      'To add: 3 account(s); to skip: 3 (1 already in the vault, 2 found twice in the images).',
    );
    expect(result.stdout).toContain('Added 3 account(s).');
    expect(result.stdout.match(/^Skipped "/gm)).toHaveLength(3);
    const list = await runCli(['--vault', vault, '--password-stdin', 'list', '--json'], {
      stdin: `${PASSWORD}\n`,
    });
    const names = (JSON.parse(list.stdout) as AccountInput[]).map((a) => `${a.label}/${a.type}`);
    expect(names).toEqual([
      'in the vault/totp',
      'alice@google.com/totp',
      'alice@google.com/totp',
      'alice@google.com/hotp',
    ]);
  });

  it('with --json, standard output stays one JSON line per image; what happens goes to standard error', async () => {
    const vault = await vaultHolding('scan-json.json', held);
    const result = await scanAdd(vault, '--json', file('google-2.png'));
    expect(result.status, result.stderr).toBe(0);
    expect(lines(result.stdout)).toHaveLength(1);
    expect(result.stderr).toContain('To add: 1 account(s); to skip: 1 (1 already in the vault).');
    expect(result.stderr).toContain('Added 1 account(s).');
  });

  it('--allow-duplicate adds the account the vault has under another name as well', async () => {
    const vault = await vaultHolding('scan-allow.json', held);
    const result = await scanAdd(vault, '--allow-duplicate', file('google-2.png'));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('added although already in the vault as "Held (in the vault)"');
    expect(result.stdout).toContain('To add: 2 account(s).');
    expect(result.stdout).toContain('Added 2 account(s).');
  });
});
