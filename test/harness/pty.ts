// Runs a command on a pseudo-terminal (util-linux `script`) and answers its prompts as a person would.
import { execFileSync, spawn } from 'node:child_process';

/** Whether util-linux `script` is installed: without it there is no pty, and those tests skip. */
export const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export interface PtyStep {
  /** Wait until the screen shows this text… */
  expect: string;
  /** …then type this (a carriage return is Enter). */
  type: string;
}

export function runOnPty(
  argv: string[],
  steps: PtyStep[],
  timeoutMs = 20_000,
): Promise<{ status: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const command = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let next = 0;
    let searchFrom = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pty timed out waiting for "${steps[next]?.expect}"; screen:\n${screen}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      while (next < steps.length) {
        const at = screen.indexOf(steps[next]!.expect, searchFrom);
        if (at < 0) break;
        searchFrom = at + steps[next]!.expect.length;
        child.stdin.write(steps[next]!.type);
        next++;
      }
    });
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, screen });
    });
  });
}
