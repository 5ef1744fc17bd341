// The proof with a real outside client: the `aws` command (Debian's awscli package on CI; every
// distinct `aws` on the PATH here, v1 and v2 alike) configured with
// `credential_process = authdesk aws credential-process --profile src`, against the local IAM/STS
// endpoint. `aws sts get-caller-identity --profile mfa` succeeds twice, signed with the MFA session's
// key, and the second time the session comes from Authdesk's cache: GetSessionToken is called once.
import { spawn, spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  awsFixture,
  deviceAccount,
  PASSWORD,
  runningApp,
  SOURCE_PROFILE,
  type AwsFixture,
} from '../harness/aws-fixture';
import { assertBuilt, REPO, type CliResult } from '../harness/cli';

interface AwsBinary {
  path: string;
  version: string;
}

/** Every `aws` on the PATH that runs, one per version (a pyenv shim and /usr/bin/aws may differ). */
function awsBinaries(): AwsBinary[] {
  const found = new Map<string, AwsBinary>();
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'aws');
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    const run = spawnSync(candidate, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    const version = /aws-cli\/(\S+)/u.exec(`${run.stdout}${run.stderr}`)?.[1];
    if (run.status === 0 && version && ![...found.values()].some((b) => b.version === version)) {
      found.set(real, { path: candidate, version });
    }
  }
  return [...found.values()];
}

const binaries = awsBinaries();
const MISSING =
  "no `aws` command on the PATH (CI installs Debian's awscli package in .ci/run; here: apt-get install awscli)";

let f: AwsFixture;
beforeAll(() => assertBuilt());
beforeEach(async () => {
  f = await awsFixture();
});
afterEach(async () => {
  await f.close();
});

/** Double quotes for the AWS CLI's shell-like split of credential_process (paths with spaces). */
const quoted = (text: string) => `"${text.replace(/(["\\])/gu, '\\$1')}"`;

/** A config with the source profile's keys and `[profile mfa]` using authdesk's credential_process. */
async function writeConfig(authdeskArgs: string[]): Promise<void> {
  const command = [process.execPath, path.join(REPO, 'bin', 'authdesk.js'), ...authdeskArgs]
    .map(quoted)
    .join(' ');
  await writeFile(
    f.configFile,
    `[profile ${SOURCE_PROFILE}]\nregion = us-east-1\n` +
      `aws_access_key_id = ${f.alice.accessKeyId}\naws_secret_access_key = ${f.alice.secretAccessKey}\n\n` +
      `[profile mfa]\nregion = us-east-1\ncredential_process = ${command}\n`,
  );
  await writeFile(f.credentialsFile, '');
}

function runAws(
  binary: AwsBinary,
  args: string[],
  stdin: string,
  moreEnv: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_PAGER: '' };
    for (const [k, v] of Object.entries({ ...f.env, ...moreEnv })) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(
      binary.path,
      [...args, '--endpoint-url', f.endpoint.url, '--output', 'json'],
      {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe.skipIf(binaries.length === 0)(
  `the real aws command${binaries.length ? '' : ` (skipped: ${MISSING})`}`,
  () => {
    describe.each(binaries)('aws-cli $version ($path)', (binary) => {
      it('gets MFA session credentials from `authdesk aws credential-process`, the second time from the cache', async () => {
        const device = f.endpoint.addEnabledDevice('alice');
        await f.addAccounts(deviceAccount(device));
        // The password path: aws hands its standard input to credential_process, which reads the
        // vault password from it (--password-stdin).
        await writeConfig([
          '--vault',
          f.vault,
          '--password-stdin',
          'aws',
          'credential-process',
          '--profile',
          SOURCE_PROFILE,
        ]);

        for (const round of [1, 2]) {
          const result = await runAws(
            binary,
            ['sts', 'get-caller-identity', '--profile', 'mfa'],
            `${PASSWORD}\n`,
          );
          expect(result.stderr, `round ${round}`).toBe('');
          expect(result.status, `round ${round}`).toBe(0);
          expect(JSON.parse(result.stdout)).toMatchObject({
            Account: '123456789012',
            Arn: 'arn:aws:iam::123456789012:user/alice',
          });
        }
        const [session] = f.endpoint.sessionsIssued();
        expect(f.endpoint.calls('GetSessionToken')).toBe(1);
        expect(f.endpoint.signedBy('GetSessionToken')).toEqual([f.alice.accessKeyId]);
        // Both identity calls were signed by the MFA session's key, not the long-term one.
        expect(f.endpoint.signedBy('GetCallerIdentity')).toEqual([
          session!.accessKeyId,
          session!.accessKeyId,
        ]);
      });

      it('gets them through the running app, with nothing typed: the app holds the session', async () => {
        const app = await runningApp(f);
        try {
          const device = f.endpoint.addEnabledDevice('alice');
          await app.vault.add(deviceAccount(device));
          await writeConfig([
            '--vault',
            f.vault,
            'aws',
            'credential-process',
            '--profile',
            SOURCE_PROFILE,
          ]);
          for (const round of [1, 2]) {
            const result = await runAws(
              binary,
              ['sts', 'get-caller-identity', '--profile', 'mfa'],
              '',
              {
                AUTHDESK_AGENT_SOCKET: app.socket,
              },
            );
            expect(result.stderr, `round ${round}`).toBe('');
            expect(result.status, `round ${round}`).toBe(0);
            expect(JSON.parse(result.stdout).Arn).toBe('arn:aws:iam::123456789012:user/alice');
          }
          expect(f.endpoint.calls('GetSessionToken')).toBe(1);
          const [session] = f.endpoint.sessionsIssued();
          expect(f.endpoint.signedBy('GetCallerIdentity')).toEqual([
            session!.accessKeyId,
            session!.accessKeyId,
          ]);
          // The app asked before answering (with no terminal, an approval lasts for one parent
          // process, and each run is a new aws process).
          expect(app.asked.length).toBeGreaterThan(0);
        } finally {
          await app.close();
        }
      });

      it("fails with authdesk's message when the source profile has no keys", async () => {
        await f.addAccounts(deviceAccount(f.endpoint.addEnabledDevice('alice')));
        await writeConfig([
          '--vault',
          f.vault,
          '--password-stdin',
          'aws',
          'credential-process',
          '--profile',
          'nokeys',
        ]);
        const result = await runAws(
          binary,
          ['sts', 'get-caller-identity', '--profile', 'mfa'],
          `${PASSWORD}\n`,
        );
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('No AWS credentials for profile "nokeys"');
        expect(f.endpoint.calls('GetCallerIdentity')).toBe(0);
      });
    });
  },
);
