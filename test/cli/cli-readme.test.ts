// The README's own command-line example, run as written (with a test vault and password): `code aws`
// finds the "Amazon Web Services" account by its initials, and the whole sequence uses one account.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OTP } from '../../shared/account';
import { codesAt } from '../../shared/otp';
import { assertBuilt, REPO, runCli } from '../harness/cli';
import { hasScript, runOnPty } from '../harness/pty';

const PASSWORD = 'correct horse battery staple';
/** Stands for the README's elided `secret=…`. */
const AWS_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** Typed at the "Secret key:" prompt of an `add` line that gives no key (no URI, KEY or --secret). */
const TYPED_SECRET = 'JBSW Y3DP EHPK 3PXP';

let dir: string;

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-readme-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The shell lines of the README's first example under "The `authdesk` command", continuations joined. */
async function readmeExample(): Promise<string[]> {
  const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The `authdesk` command'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** A shell line's words: bare, or in single or double quotes (no expansion is needed here). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** An `add` line that leaves the key out, so that the command asks for it at the terminal. */
function asksForKey(args: string[]): boolean {
  return (
    args[0] === 'add' &&
    (args[1] === undefined || args[1].startsWith('--')) &&
    !args.includes('--secret')
  );
}

/**
 * Runs `npx authdesk ARGS` from the README against the test's vault. An `add` that asks for the key
 * runs on a pseudo-terminal (util-linux script), where the key and the vault password are typed.
 */
async function authdesk(vault: string, args: string[]) {
  const real = args.map((arg) => arg.replace('secret=…', `secret=${AWS_SECRET}`));
  if (asksForKey(real)) {
    if (!hasScript)
      throw new Error('util-linux script is needed to answer the "Secret key:" prompt');
    const bin = path.join(REPO, 'bin', 'authdesk.js');
    const { status, screen } = await runOnPty(
      [process.execPath, bin, '--vault', vault, ...real],
      [
        { expect: 'Secret key: ', type: `${TYPED_SECRET}\r` },
        { expect: 'Vault password: ', type: `${PASSWORD}\r` },
      ],
    );
    return { status, stdout: screen, stderr: status === 0 ? '' : screen };
  }
  return runCli(['--vault', vault, '--password-stdin', ...real], { stdin: `${PASSWORD}\n` });
}

/** The codes an account shows between two moments (a step may end in between). */
function codesOf(secret: string, from: number, to: number): string[] {
  const params = { ...DEFAULT_OTP, secret };
  return [codesAt(params, from).current, codesAt(params, to).current];
}

describe("the README's command-line example", () => {
  it('after adding its Amazon Web Services link, `authdesk code aws` prints that account’s code', async () => {
    const vault = path.join(dir, 'link-only.json');
    const lines = await readmeExample();
    const link = lines.find((line) => line.includes('otpauth://'))!;
    expect(link).toContain('Amazon%20Web%20Services');
    expect((await authdesk(vault, ['init'])).status).toBe(0);
    expect((await authdesk(vault, words(link).slice(2))).status).toBe(0);
    const t0 = Date.now();
    const code = await authdesk(vault, ['code', 'aws']);
    const t1 = Date.now();
    expect(code.stderr).toBe('');
    expect(code.status).toBe(0);
    expect(codesOf(AWS_SECRET, t0, t1)).toContain(code.stdout.trim());
  });

  it('runs line by line, and its `code aws` and --serial-number name the same account', async () => {
    const vault = path.join(dir, 'sequence.json');
    const lines = await readmeExample();
    let awsCode: string | undefined;
    let window: [number, number] = [0, 0];
    let serial: string | undefined;
    let tokenCode: string | undefined;
    let otherSecret: string | undefined;
    for (const line of lines) {
      if (line.startsWith('npx authdesk ')) {
        const args = words(line).slice(2);
        const t0 = Date.now();
        const result = await authdesk(vault, args);
        const t1 = Date.now();
        expect(result.status, `${line}\n${result.stderr}`).toBe(0);
        if (args[0] === 'add' && asksForKey(args)) otherSecret = TYPED_SECRET.replace(/\s/g, '');
        else if (args[0] === 'add' && !args[1]!.startsWith('otpauth:')) {
          otherSecret = args[1]!.replace(/\s/g, '');
        }
        if (args.join(' ') === 'code aws') [awsCode, window] = [result.stdout.trim(), [t0, t1]];
        continue;
      }
      // aws sts get-session-token --serial-number ARN --token-code "$(npx authdesk code aws)"
      expect(line).toMatch(/^aws sts get-session-token /);
      serial = /--serial-number (\S+)/.exec(line)![1];
      const inner = /"\$\(npx authdesk ([^)]*)\)"/.exec(line)![1]!;
      const t0 = Date.now();
      const result = await authdesk(vault, words(inner));
      const t1 = Date.now();
      expect(result.status, result.stderr).toBe(0);
      expect(codesOf(AWS_SECRET, t0, t1)).toContain(result.stdout.trim());
      tokenCode = result.stdout.trim();
    }
    expect(awsCode).toMatch(/^\d{6}$/);
    expect(tokenCode).toMatch(/^\d{6}$/);
    expect(codesOf(AWS_SECRET, ...window)).toContain(awsCode);
    // The other account the example adds is not the one `code aws` picks.
    expect(otherSecret).toBeDefined();
    expect(codesOf(otherSecret!, ...window)).not.toContain(awsCode);

    // The serial number belongs to the account whose code was printed: same AWS account and user.
    const [, accountId, user] = /^arn:aws:iam::(\d{12}):mfa\/(.+)$/.exec(serial!)!;
    const list = JSON.parse((await authdesk(vault, ['list', '--json'])).stdout) as {
      issuer: string;
      label: string;
    }[];
    expect(list).toContainEqual(
      expect.objectContaining({ issuer: 'Amazon Web Services', label: `${user}@${accountId}` }),
    );
  });
});
