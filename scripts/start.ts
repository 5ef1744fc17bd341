// `npm start` after the build: run the app in Electron, or say in one message why it cannot start here
// and what works without it, instead of the electron package's stack traces.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  downloadSkipped,
  findElectron,
  missingElectronMessage,
  thisMachine,
} from './electron-binary.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const lookup = thisMachine(packageDir);

/** Electron 45 fetches its binary at first start; do that here so a failure can be explained. */
function download(): string | undefined {
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  process.stderr.write(`npm start: downloading Electron ${version} (once)...\n`);
  const run = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (run.status === 0) return undefined;
  const firstLine = (run.stderr ?? '').split('\n').find((line) => line.trim());
  return firstLine?.trim() ?? run.error?.message ?? `the download exited with code ${run.status}`;
}

let binary = findElectron(lookup);
let downloadError: string | undefined;
if (!binary.present && !binary.override && !downloadSkipped(process.env)) {
  downloadError = download();
  binary = findElectron(lookup);
}
if (!binary.present) {
  process.stderr.write(`${missingElectronMessage(binary, process.env, downloadError)}\n`);
  process.exit(1);
}

// As the electron package's own `electron .` does: pass signals on and exit with the app's code.
const child = spawn(binary.path, ['.', ...process.argv.slice(2)], {
  cwd: REPO,
  stdio: 'inherit',
  windowsHide: false,
});
child.on('close', (code, signal) => {
  if (code === null) {
    process.stderr.write(`${binary.path} exited with signal ${signal}\n`);
    process.exit(1);
  }
  process.exit(code);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGUSR2'] as const) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
