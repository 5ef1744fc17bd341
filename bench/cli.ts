// The authdesk command's start and `code aws` through the running app (issue 13): the built command
// spawned as a user runs it (`node bin/authdesk.js …`, as `npm link` puts it on the PATH), against a
// plain-Node agent (AgentServer + AgentService) in this process on a temp socket, and against the
// password path (--no-agent --password-stdin, the vault's real scrypt cost). Bars: through the app
// ≤ 100 ms median, and ≤ 0.25× the password path measured in the same run.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOtpEngine } from '../shared/otp';
import { AgentServer } from '../electron/agent/server';
import { systemClock, systemTimers } from '../electron/clock/clock';
import type { Choice, ChoicePort } from '../electron/ports';
import { READ_ANSWERS } from '../electron/use-cases/agent-question';
import { AgentService } from '../electron/use-cases/agent-service';
import { Vault } from '../electron/vault/vault';
import { type BenchRow, stats } from './stats';

type Stats = ReturnType<typeof stats>;

const REPO = path.resolve(import.meta.dirname, '..');
const BIN = path.join(REPO, 'bin', 'authdesk.js');
const PASSWORD = 'benchmark password';
const RUNS = 21;
const PASSWORD_RUNS = 9;
/** The bars. */
export const AGENT_BAR_MS = 100;
export const AGENT_RATIO_BAR = 0.25;

/** Answers every question "Until locked", as a user who allowed this terminal would have. */
const untilLocked: ChoicePort = {
  choose: (_choice: Choice) => Promise.resolve(READ_ANSWERS.indexOf('until-locked')),
};

/** One run's wall time (spawn to exit); the process must succeed. */
function timed(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = performance.now() - start;
      if (status === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited ${status}: ${stderr}`));
    });
    child.stdin.end(stdin);
  });
}

/**
 * Timed runs of each command, interleaved (one of each per round, after one untimed round: the file
 * cache, the agent's first question), so that a change in the machine's load touches them alike.
 */
async function interleaved(
  rounds: number,
  commands: { runs: number; run: () => Promise<number> }[],
): Promise<number[][]> {
  const samples = commands.map((): number[] => []);
  for (let round = -1; round < rounds; round++) {
    for (const [i, command] of commands.entries()) {
      if (round >= command.runs) continue;
      const ms = await command.run();
      if (round >= 0) samples[i]!.push(ms);
    }
  }
  return samples;
}

export interface CliBench {
  rows: BenchRow[];
  /** Median through the app ÷ median with the password. */
  ratio: number;
}

export async function cliBench(): Promise<CliBench> {
  const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-bench-cli-'));
  const vaultFile = path.join(dir, 'vault.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AUTHDESK_AGENT_SOCKET: path.join(dir, 'run', 'agent.sock'),
    // No settings file: no clock correction, so no time server is asked on either path.
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    AUTHDESK_VAULT: vaultFile,
  };
  await mkdir(path.join(dir, 'config'));
  const vault = await Vault.create(vaultFile, PASSWORD);
  const server = new AgentServer({
    path: env.AUTHDESK_AGENT_SOCKET!,
    handle: (conn, request) => service.handle(conn, request),
    onClose: (conn) => service.closed(conn),
  });
  const service = new AgentService({
    vault,
    engine: createOtpEngine(),
    clock: systemClock,
    timers: systemTimers,
    choices: untilLocked,
    language: () => 'en',
    version: 'bench',
    vaultPath: vault.path,
  });
  try {
    await vault.add({
      issuer: 'Amazon Web Services',
      label: 'root@123456789012',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    });
    await server.listen();

    const [nodeMs, versionMs, agentMs, passwordMs] = await interleaved(RUNS, [
      { runs: RUNS, run: () => timed(['-e', ''], env) },
      { runs: RUNS, run: () => timed([BIN, '--version'], env) },
      { runs: RUNS, run: () => timed([BIN, 'code', 'aws'], env) },
      {
        runs: PASSWORD_RUNS,
        run: () =>
          timed([BIN, 'code', 'aws', '--no-agent', '--password-stdin'], env, `${PASSWORD}\n`),
      },
    ]);
    const [node, version, agent, password] = [nodeMs!, versionMs!, agentMs!, passwordMs!].map(
      stats,
    ) as [Stats, Stats, Stats, Stats];
    return {
      rows: [
        { name: "CLI: `node -e ''` (Node's own start, the floor)", runs: RUNS, ...node, bar: null },
        { name: 'CLI: `authdesk --version`', runs: RUNS, ...version, bar: null },
        {
          name: 'CLI: `authdesk code aws` through the running app (agent)',
          runs: RUNS,
          ...agent,
          bar: AGENT_BAR_MS,
        },
        {
          name: 'CLI: `authdesk code aws` with the password (--no-agent --password-stdin)',
          runs: PASSWORD_RUNS,
          ...password,
          bar: null,
        },
      ],
      ratio: agent.median / password.median,
    };
  } finally {
    await server.close();
    vault.lock();
    await rm(dir, { recursive: true, force: true });
  }
}
