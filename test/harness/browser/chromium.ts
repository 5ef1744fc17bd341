// Which Chromium the browser tests and the renderer benchmark start, and with which flags (no sandbox
// as root, no GPU, no background network traffic on an offline machine). Where there is none, the
// run stops in one line that says how to get one, instead of every test failing to launch.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface ChromiumLookup {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  exists: (file: string) => boolean;
  /** Where Playwright keeps its own Chromium once `npx playwright install chromium` has run. */
  playwrightChromium: () => string | undefined;
}

export type ChromiumFound =
  { path: string; problem?: undefined } | { path?: undefined; problem: string };

/** This machine: its environment, file system, and playwright-core's idea of its own browser. */
export function thisMachine(): ChromiumLookup {
  return {
    env: process.env,
    platform: process.platform,
    exists: existsSync,
    playwrightChromium: () => {
      try {
        return chromium.executablePath();
      } catch {
        return undefined; // no build of Playwright's Chromium for this platform
      }
    },
  };
}

const LINUX_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const LINUX_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
];
const MAC_APPS = [
  'Chromium.app/Contents/MacOS/Chromium',
  'Google Chrome.app/Contents/MacOS/Google Chrome',
];
const WINDOWS_APPS = [
  'Chromium\\Application\\chrome.exe',
  'Google\\Chrome\\Application\\chrome.exe',
];

/** The places a system Chromium or Chrome usually is, in the order they are tried. */
export function systemChromiumPaths(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): string[] {
  if (platform === 'darwin') {
    const folders = ['/Applications', env.HOME && path.posix.join(env.HOME, 'Applications')];
    return folders
      .filter((f): f is string => !!f)
      .flatMap((f) => MAC_APPS.map((app) => path.posix.join(f, app)));
  }
  if (platform === 'win32') {
    const folders = [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA];
    return folders
      .filter((f): f is string => !!f)
      .flatMap((f) => WINDOWS_APPS.map((a) => path.win32.join(f, a)));
  }
  const onPath = (env.PATH ?? '')
    .split(':')
    .filter((dir) => dir)
    .flatMap((dir) => LINUX_COMMANDS.map((command) => path.posix.join(dir, command)));
  return [...new Set([...onPath, ...LINUX_PATHS])];
}

/** One line on how to get a Chromium for the tests on this platform. */
export function installAdvice(platform: NodeJS.Platform): string {
  const system =
    platform === 'darwin'
      ? 'install Google Chrome or Chromium (`brew install --cask chromium`)'
      : platform === 'win32'
        ? 'install Google Chrome'
        : 'install the system package (`sudo apt-get install chromium` on Debian and Ubuntu)';
  return `run \`npx playwright install chromium\`, or ${system}, or set AUTHDESK_CHROMIUM to a Chromium or Chrome binary`;
}

/**
 * The Chromium to start, in order: AUTHDESK_CHROMIUM (used as given: a wrong path is reported, not
 * skipped), Playwright's own installed browser, then the usual system places.
 */
export function findChromium(lookup: ChromiumLookup = thisMachine()): ChromiumFound {
  const chosen = lookup.env.AUTHDESK_CHROMIUM;
  if (chosen) {
    if (lookup.exists(chosen)) return { path: chosen };
    return {
      problem: `AUTHDESK_CHROMIUM is ${chosen}, which does not exist: ${installAdvice(lookup.platform)}.`,
    };
  }
  const own = lookup.playwrightChromium();
  const candidates = [...(own ? [own] : []), ...systemChromiumPaths(lookup.env, lookup.platform)];
  const found = candidates.find((file) => lookup.exists(file));
  if (found) return { path: found };
  return {
    problem: `No Chromium found for the browser tests: ${installAdvice(lookup.platform)}.`,
  };
}

/** Whether a `playwright test` command line runs the browser project (every project runs by default). */
export function runsBrowserProject(argv: string[]): boolean {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length));
    else if (arg === '--project') {
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) names.push(argv[++i]!);
    }
  }
  // Playwright matches project names case-insensitively, with * as a wildcard.
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const matches = (name: string) =>
    new RegExp(`^${name.split('*').map(literal).join('.*')}$`, 'i').test('browser');
  return names.length === 0 || names.some(matches);
}

/**
 * Launch options for Playwright's browser project. Playwright's main process loads the config first
 * and decides: where the browser tests would find no Chromium, it stops the run in one line. The
 * workers it starts afterwards inherit its environment, and with it the decision.
 */
export function playwrightLaunch(
  argv: string[] = process.argv,
  env: Record<string, string | undefined> = process.env,
  lookup: ChromiumLookup = thisMachine(),
) {
  const found = findChromium(lookup);
  if (found.problem && !env.AUTHDESK_CHROMIUM_CHECKED && runsBrowserProject(argv)) {
    process.stderr.write(`${found.problem}\n`);
    process.exit(1);
  }
  env.AUTHDESK_CHROMIUM_CHECKED = '1';
  return { executablePath: found.path, args: CHROMIUM_ARGS };
}

/** Launch options for the benchmark: the Chromium found, or one line on how to get one and exit 1. */
export function chromiumLaunch(lookup: ChromiumLookup = thisMachine()) {
  const found = findChromium(lookup);
  if (found.problem) {
    process.stderr.write(`${found.problem}\n`);
    process.exit(1);
  }
  return { executablePath: found.path, args: CHROMIUM_ARGS };
}
