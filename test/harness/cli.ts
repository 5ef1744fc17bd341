// Runs the built authdesk command as a user would: a spawned Node process with arguments and stdin.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'authdesk.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(path.join(REPO, 'dist', 'cli', 'authdesk.js'))) {
    throw new Error(
      'The CLI is not built: run `npm run build` (npm test does it) before these tests.',
    );
  }
}

export function runCli(
  args: string[],
  opts: {
    stdin?: string;
    env?: Record<string, string | undefined>;
    /** In a new session (setsid): no controlling terminal at all, as under cron or a CI runner. */
    noTerminal?: boolean;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
    for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
    const [command, commandArgs] = opts.noTerminal
      ? ['setsid', ['-w', process.execPath, BIN, ...args]]
      : [process.execPath, [BIN, ...args]];
    const child = spawn(command, commandArgs, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}
