// Finding Electron's binary as the electron package does, and what `npm start` says when it is not
// there: the lookup with injected files and environment, then scripts/start.ts run for real.
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findElectron,
  missingElectronMessage,
  whyMissing,
  type ElectronLookup,
} from '../../scripts/electron-binary';

const PKG = '/repo/node_modules/electron';

function machine(
  files: Record<string, string>,
  env: Record<string, string | undefined> = {},
  platform: NodeJS.Platform = 'linux',
): ElectronLookup {
  return {
    packageDir: PKG,
    env,
    platform,
    exists: (file) => file in files,
    read: (file) => files[file],
  };
}

describe('finding the Electron binary', () => {
  it('runs the downloaded binary that path.txt names', () => {
    const found = findElectron(
      machine({ [`${PKG}/path.txt`]: 'electron', [`${PKG}/dist/electron`]: '' }),
    );
    expect(found).toEqual({ path: `${PKG}/dist/electron`, present: true, override: undefined });
  });

  it('reports the binary missing where it was never downloaded (no path.txt, no dist/)', () => {
    expect(findElectron(machine({}))).toEqual({
      path: `${PKG}/dist/electron`,
      present: false,
      override: undefined,
    });
  });

  it('reports it missing when path.txt is left but dist/ is gone', () => {
    expect(findElectron(machine({ [`${PKG}/path.txt`]: 'electron' })).present).toBe(false);
  });

  it('looks only in ELECTRON_OVERRIDE_DIST_PATH when it is set', () => {
    const files = { [`${PKG}/path.txt`]: 'electron', [`${PKG}/dist/electron`]: '' };
    const elsewhere = findElectron(machine(files, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e45' }));
    expect(elsewhere).toEqual({ path: '/opt/e45/electron', present: false, override: '/opt/e45' });
    const there = findElectron(
      machine({ '/opt/e45/electron': '' }, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e45' }),
    );
    expect(there.present).toBe(true);
  });

  it('names the executable per platform where path.txt is missing, so an override works on macOS', () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/out/Testing' };
    const mac = findElectron(
      machine({ '/out/Testing/Electron.app/Contents/MacOS/Electron': '' }, env, 'darwin'),
    );
    expect(mac.present).toBe(true);
    const windows = findElectron(machine({}, {}, 'win32'));
    expect(windows.path).toBe(path.join(PKG, 'dist', 'electron.exe'));
  });

  it('treats an empty ELECTRON_OVERRIDE_DIST_PATH as unset', () => {
    expect(findElectron(machine({}, { ELECTRON_OVERRIDE_DIST_PATH: '' })).override).toBeUndefined();
  });
});

describe('why the binary is missing', () => {
  const missing = findElectron(machine({}));

  it('says whether ELECTRON_SKIP_BINARY_DOWNLOAD is set, never claiming it when it is not', () => {
    expect(whyMissing(missing, {})).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is not set');
    expect(whyMissing(missing, { ELECTRON_SKIP_BINARY_DOWNLOAD: '0' })).toContain('is not set');
    expect(whyMissing(missing, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toContain(
      'ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set',
    );
  });

  it('blames the network, with the download error, when the download failed', () => {
    expect(whyMissing(missing, {}, 'TypeError: fetch failed')).toBe(
      `The Electron binary is not at ${PKG}/dist/electron: it could not be downloaded ` +
        "(TypeError: fetch failed); Electron's download server is probably out of reach from this network",
    );
  });

  it('names the override folder when the binary is not in it', () => {
    const override = findElectron(machine({}, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e45' }));
    expect(whyMissing(override, {})).toBe(
      'ELECTRON_OVERRIDE_DIST_PATH is /opt/e45, but there is no Electron binary at /opt/e45/electron',
    );
  });

  it('tells npm start users how to point at a build and what works without one, in one message', () => {
    const message = missingElectronMessage(missing, {}, 'TypeError: fetch failed');
    expect(message.split('\n')).toHaveLength(3);
    expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start');
    expect(message).toContain('npx authdesk --help');
    expect(message).toContain('`npm test` work');
    expect(message).not.toContain('install-electron');
  });
});

describe('npm start (scripts/start.ts)', () => {
  const REPO = path.resolve(import.meta.dirname, '..', '..');
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'authdesk-start-'));
    // A stand-in Electron build: prints what it was started with and exits with code 3.
    await writeFile(
      path.join(dir, 'electron'),
      '#!/bin/sh\necho "started: $* in $(pwd -P)"\nexit 3\n',
    );
    await chmod(path.join(dir, 'electron'), 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function start(env: Record<string, string>, ...args: string[]) {
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/start.ts', ...args],
      { cwd: REPO, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '', ...env } },
    );
    try {
      const { stdout, stderr } = await run;
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it.skipIf(process.platform === 'win32')(
    'starts the binary found in the repository with its arguments and exits with its code',
    async () => {
      const run = await start({ ELECTRON_OVERRIDE_DIST_PATH: dir }, '--vault', '/tmp/v.json');
      expect(run).toEqual({
        code: 3,
        stdout: `started: . --vault /tmp/v.json in ${realpathSync(REPO)}\n`,
        stderr: '',
      });
    },
  );

  it('prints one message and exits 1 where the binary is missing, without stack traces', async () => {
    const empty = path.join(dir, 'empty');
    const run = await start({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `npm start: ELECTRON_OVERRIDE_DIST_PATH is ${empty}, but there is no Electron binary at ` +
        `${path.join(empty, 'electron')}.\n` +
        '  To use an Electron 45 build you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start\n' +
        '  Without it, the `authdesk` command (npx authdesk --help) and `npm test` work; only the desktop window needs Electron.\n',
    );
  });
});
