// What the authdesk command loads to start: `--version`, the help and a usage error load no heavy
// package (zod, protobufjs, otplib, the QR reader, the AWS SDK, …), because each command's module is
// loaded only when that command runs (electron/cli/registry.ts). Counted with a module-resolution
// hook that records every module the spawned command resolves — never timed (`npm run bench` is).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN } from '../../electron/cli/registry';
import { COMMANDS } from '../../electron/cli/usage';
import { assertBuilt, REPO, runCli } from '../harness/cli';

/** Packages the command must not load unless the command at hand needs them. */
const HEAVY = [
  'zod',
  'protobufjs',
  'otplib',
  '@otplib/*',
  '@noble/*',
  'zxing-wasm',
  'pngjs',
  'jpeg-js',
  'qrcode',
  '@aws-sdk/*',
  '@smithy/*',
  'proper-lockfile',
  '@scure/base',
  'electron-store',
  'i18next',
];

const RECORDER = path.join(REPO, 'test', 'harness', 'import-recorder.mjs');
const PASSWORD = 'correct horse battery staple';

let dir: string;
let vault: string;
let runs = 0;

/** Runs the built command and returns what it printed and every module it resolved. */
async function loaded(args: string[], stdin = '') {
  const file = path.join(dir, `imports-${++runs}.txt`);
  const result = await runCli(args, {
    stdin,
    env: {
      NODE_OPTIONS: `--import=${RECORDER}`,
      AUTHDESK_RECORD_IMPORTS: file,
      // Nothing answers here: the command must find no running app and take the password path.
      AUTHDESK_AGENT_SOCKET: path.join(dir, 'no-agent.sock'),
    },
  });
  const urls = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { ...result, urls, packages: packagesIn(urls) };
}

/** The npm packages among resolved URLs: "zod", "@aws-sdk/client-sts", … */
function packagesIn(urls: string[]): string[] {
  const names = new Set<string>();
  for (const url of urls) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m) names.add(m[1]!);
  }
  return [...names].sort();
}

function heavyIn(packages: string[]): string[] {
  return packages.filter((name) =>
    HEAVY.some((h) => (h.endsWith('/*') ? name.startsWith(h.slice(0, -1)) : name === h)),
  );
}

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-startup-'));
  vault = path.join(dir, 'vault.json');
  const init = await runCli(['init', '--vault', vault, '--password-stdin'], {
    stdin: `${PASSWORD}\n`,
  });
  expect(init.status).toBe(0);
  const add = await runCli(
    [
      'add',
      '--vault',
      vault,
      '--password-stdin',
      '--secret',
      'JBSWY3DPEHPK3PXP',
      '--issuer',
      'AWS',
    ],
    { stdin: `${PASSWORD}\n` },
  );
  expect(add.status).toBe(0);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('what the authdesk command loads', () => {
  it('the recorder sees the packages a command loads: code with the password loads otplib', async () => {
    const code = await loaded(
      ['code', 'aws', '--vault', vault, '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(code.status).toBe(0);
    expect(code.stdout).toMatch(/^\d{6}\n$/);
    expect(code.packages).toContain('otplib');
    expect(code.urls.some((u) => u.endsWith('/dist/cli/authdesk.js'))).toBe(true);
  });

  it.each([
    [['--version']],
    [['-v']],
    [['--help']],
    [['help']],
    [['code', '--help']],
    [['help', 'scan']],
    [['aws', '--help']],
    [['help', 'aws', 'session']],
    [['list', '--jsn']],
    [['lsit']],
  ])('authdesk %j loads no heavy package and no command module', async (args) => {
    const result = await loaded(args);
    expect(result.status === 0 || result.status === 2).toBe(true);
    expect(result.urls.length).toBeGreaterThan(0);
    expect(heavyIn(result.packages)).toEqual([]);
    // No command's own chunk either (dist/cli/<command>-<hash>.js).
    const commandChunks = result.urls.filter((u) =>
      Object.keys(COMMANDS).some((name) => new RegExp(`/dist/cli/${name}-[\\w-]+\\.js$`).test(u)),
    );
    expect(commandChunks).toEqual([]);
  });

  it('every command in the help has a module that runs it, and no other is registered', () => {
    // A command with subcommands ("aws register") has one module entry per subcommand.
    const runnable = Object.entries(COMMANDS).flatMap(([name, spec]) => {
      const subcommands = (spec as { subcommands?: Record<string, unknown> }).subcommands;
      return subcommands ? Object.keys(subcommands).map((sub) => `${name} ${sub}`) : [name];
    });
    expect(Object.keys(RUN).sort()).toEqual(runnable.sort());
  });
});
