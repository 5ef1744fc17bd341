// Which Chromium the browser tests start, on machines played by injected environments and files, and
// the one line that stops a Playwright run where there is none.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  findChromium,
  playwrightLaunch,
  runsBrowserProject,
  type ChromiumLookup,
} from '../harness/browser/chromium';

const OWN = '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

function machine(
  files: string[],
  env: Record<string, string | undefined> = {},
  platform: NodeJS.Platform = 'linux',
  own: string | undefined = OWN,
): ChromiumLookup {
  return { env, platform, exists: (file) => files.includes(file), playwrightChromium: () => own };
}

describe('finding a Chromium', () => {
  it('takes AUTHDESK_CHROMIUM first, even where others exist', () => {
    const files = ['/opt/my/chrome', OWN, '/usr/bin/chromium'];
    expect(findChromium(machine(files, { AUTHDESK_CHROMIUM: '/opt/my/chrome' }))).toEqual({
      path: '/opt/my/chrome',
    });
  });

  it('reports an AUTHDESK_CHROMIUM that does not exist instead of quietly using another', () => {
    const found = findChromium(machine([OWN], { AUTHDESK_CHROMIUM: '/opt/gone' }));
    expect(found.path).toBeUndefined();
    expect(found.problem).toMatch(/^AUTHDESK_CHROMIUM is \/opt\/gone, which does not exist: /);
  });

  it("prefers Playwright's own installed Chromium to the system's", () => {
    expect(findChromium(machine([OWN, '/usr/bin/chromium'])).path).toBe(OWN);
  });

  it('finds the system Chromium where Playwright has none installed', () => {
    expect(findChromium(machine(['/usr/bin/chromium'])).path).toBe('/usr/bin/chromium');
    expect(findChromium(machine(['/usr/bin/chromium'], {}, 'linux', undefined)).path).toBe(
      '/usr/bin/chromium',
    );
  });

  it('looks along PATH on Linux (Chromium, then Chrome, in each folder) before the usual folders', () => {
    const env = { PATH: '/home/me/bin:/usr/local/bin' };
    const files = ['/usr/local/bin/google-chrome', '/usr/bin/chromium'];
    expect(findChromium(machine(files, env)).path).toBe('/usr/local/bin/google-chrome');
    expect(findChromium(machine(['/usr/bin/google-chrome-stable'])).path).toBe(
      '/usr/bin/google-chrome-stable',
    );
    expect(findChromium(machine(['/snap/bin/chromium'])).path).toBe('/snap/bin/chromium');
  });

  it('finds Chrome or Chromium in the Applications folders on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(machine([chrome], {}, 'darwin')).path).toBe(chrome);
    const mine = '/Users/me/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(findChromium(machine([mine], { HOME: '/Users/me' }, 'darwin')).path).toBe(mine);
    // Linux places mean nothing there.
    expect(findChromium(machine(['/usr/bin/chromium'], {}, 'darwin')).problem).toBeDefined();
  });

  it('finds Chrome under Program Files or the user’s local programs on Windows', () => {
    const env = {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
    };
    const x86 = 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe';
    expect(findChromium(machine([x86], env, 'win32')).path).toBe(x86);
    const local = 'C:\\Users\\me\\AppData\\Local\\Chromium\\Application\\chrome.exe';
    expect(findChromium(machine([local], env, 'win32')).path).toBe(local);
  });

  it('says in one line how to get one where there is none', () => {
    const linux = findChromium(machine([], { PATH: '/usr/bin:/bin' }));
    expect(linux.path).toBeUndefined();
    expect(linux.problem).toBe(
      'No Chromium found for the browser tests: run `npx playwright install chromium`, or install ' +
        'the system package (`sudo apt-get install chromium` on Debian and Ubuntu), or set ' +
        'AUTHDESK_CHROMIUM to a Chromium or Chrome binary.',
    );
    expect(findChromium(machine([], {}, 'darwin')).problem).toContain(
      'brew install --cask chromium',
    );
    expect(findChromium(machine([], {}, 'win32')).problem).toContain('install Google Chrome');
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(findChromium(machine([], {}, platform)).problem).not.toContain('\n');
    }
  });
});

describe('when a Playwright run needs Chromium', () => {
  it('needs it for every run that includes the browser project', () => {
    expect(runsBrowserProject(['node', 'playwright', 'test'])).toBe(true);
    expect(
      runsBrowserProject(['test', 'test/browser/unlock.spec.ts', '--project', 'browser']),
    ).toBe(true);
    expect(runsBrowserProject(['test', '--project=browser'])).toBe(true);
    expect(runsBrowserProject(['test', '--project', 'electron', 'browser'])).toBe(true);
    expect(runsBrowserProject(['test', '--project', 'BROW*'])).toBe(true);
  });

  it('does not need it for the Electron project alone', () => {
    expect(runsBrowserProject(['test', '--project', 'electron'])).toBe(false);
    expect(runsBrowserProject(['test', '--project=electron', '--workers', '1'])).toBe(false);
    expect(runsBrowserProject(['test', '--project', 'elec*', '--', 'browser'])).toBe(false);
  });

  it('lets an Electron-only run go on without Chromium, and its workers after it', () => {
    const env: Record<string, string | undefined> = {};
    const none = machine([], {}, 'linux', undefined);
    const options = playwrightLaunch(['test', '--project', 'electron'], env, none);
    expect(options.executablePath).toBeUndefined();
    // A worker's command line names no project; the main process's decision is in the environment.
    expect(playwrightLaunch(['worker'], env, none).executablePath).toBeUndefined();
  });

  it('stops `playwright test` at once with the one line when there is none', async () => {
    const repo = path.resolve(import.meta.dirname, '..', '..');
    const cli = path.join(repo, 'node_modules', '@playwright', 'test', 'cli.js');
    const run = promisify(execFile)(process.execPath, [cli, 'test', '--project', 'browser'], {
      cwd: repo,
      env: { ...process.env, AUTHDESK_CHROMIUM: '/nonexistent/chromium' },
    });
    const failure = (await run.then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: unknown) => error,
    )) as { code: number; stdout: string; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stdout).toBe('');
    expect(failure.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^AUTHDESK_CHROMIUM is \/nonexistent\/chromium, which does not exist: /,
      ),
    ]);
  });
});
