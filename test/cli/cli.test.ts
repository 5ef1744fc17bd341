// The authdesk command, spawned as a user runs it, against real vault files in a temp folder.
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault, masterKeyForTests } from '../../electron/vault/vault';
import { systemSlot } from '../../electron/vault/system-slot';
import { TestKeychain } from '../harness/browser/ports';
import { assertBuilt, runCli } from '../harness/cli';
import { atTestCost } from '../harness/vault-fixtures';

const PASSWORD = 'correct horse battery staple';
const AWS_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const AWS_URI =
  'otpauth://totp/Amazon%20Web%20Services:root-account-mfa-device@123456789012' +
  `?secret=${AWS_SECRET}&issuer=Amazon%20Web%20Services`;

let dir: string;
let vault: string;

/** RFC 6238 computed independently of the product, from node:crypto. */
function rfc6238(
  secretBase32: string,
  timeMs: number,
  opts = { digits: 6, period: 30, algorithm: 'sha1' },
) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secretBase32) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 1000 / opts.period)));
  const mac = createHmac(opts.algorithm, key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** opts.digits).padStart(opts.digits, '0');
}

const cli = (args: string[], stdin = `${PASSWORD}\n`) =>
  runCli(['--vault', vault, '--password-stdin', ...args], { stdin });

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-cli-'));
  vault = path.join(dir, 'vault.json');
  const init = await cli(['init']);
  expect(init.stderr).toContain('Remember the password');
  expect(init.status).toBe(0);
  // The tests below run the command ~40 times, each unlocking this vault.
  await atTestCost(vault, PASSWORD);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('authdesk command', () => {
  it('refuses a second init and leaves the existing vault unchanged', async () => {
    const before = await readFile(vault);
    const again = await cli(['init']);
    expect(again.status).toBe(6);
    expect(again.stderr).toMatch(/already exists/);
    expect(await readFile(vault)).toEqual(before);
  });

  it('adds an AWS account by URI and prints the two consecutive codes AWS asks for', async () => {
    const t0 = Date.now();
    const added = await cli(['add', AWS_URI]);
    const t1 = Date.now();
    expect(added.status).toBe(0);
    expect(added.stdout).toContain(
      'Added "Amazon Web Services (root-account-mfa-device@123456789012)"',
    );
    const m = /MFA code 1: (\d{6}) {2}MFA code 2: (\d{6})/.exec(added.stdout);
    expect(m).not.toBeNull();
    const pairs = [t0, t1].map((t) => [rfc6238(AWS_SECRET, t), rfc6238(AWS_SECRET, t + 30_000)]);
    expect(pairs).toContainEqual([m![1], m![2]]);
  });

  it('prints only the code and a newline, equal to an independent RFC 6238 computation', async () => {
    const t0 = Date.now();
    const result = await cli(['code', 'amazon']);
    const t1 = Date.now();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d{6}\n$/);
    expect([rfc6238(AWS_SECRET, t0), rfc6238(AWS_SECRET, t1)]).toContain(result.stdout.trim());
  });

  it('prints the next step code with --next', async () => {
    const t0 = Date.now();
    const result = await cli(['code', 'amazon', '--next']);
    const t1 = Date.now();
    expect([rfc6238(AWS_SECRET, t0 + 30_000), rfc6238(AWS_SECRET, t1 + 30_000)]).toContain(
      result.stdout.trim(),
    );
  });

  it('adds an account from a secret key with spaces and lower case, SHA256, 8 digits, 60 s', async () => {
    const result = await cli([
      'add',
      '--secret',
      'gezd gnbv gy3t qojq',
      '--issuer',
      'GitHub',
      '--label',
      'octocat',
      '--algorithm',
      'sha256',
      '--digits',
      '8',
      '--period',
      '60',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const t0 = Date.now();
    const code = await cli(['code', 'github']);
    const t1 = Date.now();
    const opts = { digits: 8, period: 60, algorithm: 'sha256' };
    expect([
      rfc6238('GEZDGNBVGY3TQOJQ', t0, opts),
      rfc6238('GEZDGNBVGY3TQOJQ', t1, opts),
    ]).toContain(code.stdout.trim());
  });

  it('refuses a duplicate account unless --allow-duplicate is given', async () => {
    const dup = await cli(['add', AWS_URI]);
    expect(dup.status).toBe(9);
    expect(dup.stderr).toMatch(/already has this account/);
  });

  it('lists accounts as JSON without any secret', async () => {
    const result = await cli(['list', '--json']);
    expect(result.status).toBe(0);
    const list = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(list.map((a) => a.issuer)).toEqual(['Amazon Web Services', 'GitHub']);
    expect(list.every((a) => !('secret' in a))).toBe(true);
    expect(result.stdout).not.toContain(AWS_SECRET);
    expect(result.stdout).not.toContain('GEZDGNBVGY3TQOJQ');
  });

  it('lists accounts as a table with codes', async () => {
    const result = await cli(['list']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ISSUER\s+ACCOUNT\s+CODE\s+LEFT$/m);
    expect(result.stdout).toMatch(/^GitHub\s+octocat\s+\d{8}\s+\d+s$/m);
  });

  it('keeps no secret, issuer or account name in clear in the vault file', async () => {
    const raw = await readFile(vault, 'utf8');
    for (const needle of [
      AWS_SECRET,
      'GEZDGNBVGY3TQOJQ',
      'Amazon',
      'GitHub',
      'octocat',
      'root-account',
    ]) {
      expect(raw).not.toContain(needle);
      expect(raw).not.toContain(Buffer.from(needle).toString('base64').slice(0, 8));
    }
  });

  it('says which accounts exist when a query matches none (exit 4)', async () => {
    const result = await cli(['code', 'gitlab']);
    expect(result.status).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No account matches "gitlab"');
    expect(result.stderr).toContain('GitHub (octocat)');
  });

  it('lists the candidates when a query matches several accounts (exit 5)', async () => {
    const result = await cli(['code', 'o']);
    expect(result.status).toBe(5);
    expect(result.stderr).toContain('matches 2 accounts');
    expect(result.stderr).toContain('Amazon Web Services (root-account-mfa-device@123456789012)');
  });

  it('rejects a wrong password with exit 3 and prints no code', async () => {
    const result = await cli(['code', 'github'], 'not the password\n');
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/password/i);
  });

  it('rejects a URI whose secret is not base32 (exit 9) and adds nothing', async () => {
    const result = await cli(['add', 'otpauth://totp/x?secret=not*base32']);
    expect(result.status).toBe(9);
    expect(result.stderr).toMatch(/secret/i);
  });

  it('takes a bare secret key given where a URI was expected, once the account is named', async () => {
    const unnamed = await cli(['add', '2WCMLZQZ25YYQ6Q5']);
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toContain('--issuer');
    const named = await cli(['add', '2wcm lzqz 25yy q6q5', '--issuer', 'Bare', '--label', 'key']);
    expect(named.status, named.stderr).toBe(0);
    expect((await cli(['remove', 'bare', '--yes'])).status).toBe(0);
  });

  it('advances the HOTP counter each time a code is shown', async () => {
    // RFC 4226 Appendix D: secret "12345678901234567890", counters 0 and 1.
    const uri =
      'otpauth://hotp/Test:hotp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=Test';
    expect((await cli(['add', uri])).status).toBe(0);
    expect((await cli(['code', 'hotp'])).stdout).toBe('755224\n');
    expect((await cli(['code', 'hotp'])).stdout).toBe('287082\n');
    // --next peeks at the code after the one `code` would show now (counter 2), without using it up.
    expect((await cli(['code', 'hotp', '--next'])).stdout).toBe('969429\n');
    expect((await cli(['code', 'hotp'])).stdout).toBe('359152\n');
  });

  it('refuses to remove without confirmation when there is no terminal, and removes with --yes', async () => {
    const refused = await cli(['remove', 'hotp']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const removed = await cli(['remove', 'hotp', '--yes']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('Removed "Test (hotp)"');
    const list = JSON.parse((await cli(['list', '--json'])).stdout) as unknown[];
    expect(list).toHaveLength(2);
  });

  it('changes the password: the old one stops working, the new one opens the same accounts', async () => {
    const changed = await cli(['passwd'], `${PASSWORD}\nanother long password\n`);
    expect(changed.status, changed.stderr).toBe(0);
    expect((await cli(['list'])).status).toBe(3);
    const list = await cli(['list', '--json'], 'another long password\n');
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(2);
    expect((await cli(['passwd'], `another long password\n${PASSWORD}\n`)).status).toBe(0);
  });

  it('changes the master key too, and turns off the keychain slot it cannot wrap again', async () => {
    const keychain = new TestKeychain();
    const before = await Vault.open(vault);
    await before.unlock(PASSWORD);
    const oldKey = Buffer.from(before[masterKeyForTests]()!);
    await before.setSlot(systemSlot(), keychain);
    before.lock();

    const changed = await cli(['passwd'], `${PASSWORD}\nanother long password\n`);
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.stdout).toContain('Unlocking with the system keychain was turned off');
    const after = await Vault.open(vault);
    await after.unlock('another long password');
    expect(after[masterKeyForTests]()!.equals(oldKey)).toBe(false);
    expect(await after.slotTypes()).toEqual(['password']);
    after.lock();
    const back = await cli(['passwd'], `another long password\n${PASSWORD}\n`);
    expect(back.status).toBe(0);
    expect(back.stdout).not.toContain('keychain');
  });

  it('finds the vault through AUTHDESK_VAULT', async () => {
    const result = await runCli(['--password-stdin', 'code', 'github'], {
      stdin: `${PASSWORD}\n`,
      env: { AUTHDESK_VAULT: vault },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d{8}\n$/);
  });

  it('reports a missing vault with exit 6', async () => {
    const result = await runCli(
      ['--vault', path.join(dir, 'nope.json'), '--password-stdin', 'list'],
      {
        stdin: `${PASSWORD}\n`,
      },
    );
    expect(result.status).toBe(6);
    expect(result.stderr).toMatch(/not found|no vault/i);
  });

  it('never takes a password as an argument', async () => {
    const result = await runCli(['--vault', vault, '--password', PASSWORD, 'list']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
  });

  it('asks for --password-stdin when there is no terminal for a prompt', async () => {
    const result = await runCli(['--vault', vault, 'list']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--password-stdin');
  });

  it('prints help with exit 0 and rejects unknown commands with exit 2', async () => {
    const help = await runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    const unknown = await runCli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
  });
});
