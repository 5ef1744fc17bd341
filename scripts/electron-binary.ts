// Where the electron package runs its binary from, whether it is there, and what to tell a developer
// when it is not. Used by `npm start` (scripts/start.ts) and the Electron end-to-end tests; the
// file system and the environment come in as parameters so that tests can play any machine.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ElectronLookup {
  /** The installed electron package (node_modules/electron). */
  packageDir: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  exists: (file: string) => boolean;
  /** A file's text, or undefined when it cannot be read. */
  read: (file: string) => string | undefined;
}

export interface ElectronBinary {
  /** The executable that would run. */
  path: string;
  present: boolean;
  /** ELECTRON_OVERRIDE_DIST_PATH, when set: the binary is looked for there, never downloaded. */
  override: string | undefined;
}

/** This machine: the real file system, environment and platform. */
export function thisMachine(packageDir: string): ElectronLookup {
  return {
    packageDir,
    env: process.env,
    platform: process.platform,
    exists: existsSync,
    read: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
  };
}

/** The executable inside an Electron build folder, as the electron package's install.js names it. */
export function executableInBuild(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The same path as node_modules/electron/index.js computes: `dist/` + path.txt (written once the
 * download succeeded), or ELECTRON_OVERRIDE_DIST_PATH + the same name. Where path.txt is missing
 * (never downloaded), the name comes from the platform, so that an override works on macOS too.
 */
export function findElectron(lookup: ElectronLookup): ElectronBinary {
  const named = lookup.read(path.join(lookup.packageDir, 'path.txt'))?.trim();
  const relative = named || executableInBuild(lookup.platform);
  const override = lookup.env.ELECTRON_OVERRIDE_DIST_PATH || undefined;
  const binary = path.join(override ?? path.join(lookup.packageDir, 'dist'), relative);
  return { path: binary, present: lookup.exists(binary), override };
}

/** True when ELECTRON_SKIP_BINARY_DOWNLOAD asks not to download (any value but empty, 0 or false). */
export function downloadSkipped(env: Record<string, string | undefined>): boolean {
  const value = env.ELECTRON_SKIP_BINARY_DOWNLOAD?.trim().toLowerCase();
  return value !== undefined && !['', '0', 'false'].includes(value);
}

/** Why the binary is missing, in one sentence that names the path looked at. */
export function whyMissing(
  binary: ElectronBinary,
  env: Record<string, string | undefined>,
  downloadError?: string,
): string {
  if (binary.override) {
    return `ELECTRON_OVERRIDE_DIST_PATH is ${binary.override}, but there is no Electron binary at ${binary.path}`;
  }
  const where = `The Electron binary is not at ${binary.path}`;
  if (downloadError) {
    return `${where}: it could not be downloaded (${downloadError}); Electron's download server is probably out of reach from this network`;
  }
  const skip = downloadSkipped(env)
    ? `ELECTRON_SKIP_BINARY_DOWNLOAD=${env.ELECTRON_SKIP_BINARY_DOWNLOAD} is set, so \`npm start\` does not try`
    : 'ELECTRON_SKIP_BINARY_DOWNLOAD is not set';
  return `${where}: Electron 45 downloads it the first time \`npm start\` runs, and it has not been downloaded here (${skip})`;
}

/** What `npm start` prints instead of Electron's stack traces: why, how to point at a build, what works. */
export function missingElectronMessage(
  binary: ElectronBinary,
  env: Record<string, string | undefined>,
  downloadError?: string,
): string {
  return [
    `npm start: ${whyMissing(binary, env, downloadError)}.`,
    `  To use an Electron 45 build you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start`,
    `  Without it, the \`authdesk\` command (npx authdesk --help) and \`npm test\` work; only the desktop window needs Electron.`,
  ].join('\n');
}
