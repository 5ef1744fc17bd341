// `authdesk code` and `list` through the running app: the built command, spawned as a user runs it,
// against a real AgentServer + AgentService in this process (a temp socket named by
// AUTHDESK_AGENT_SOCKET, an unlocked vault in a temp folder, a question the test answers). The app's
// answer prints exactly what the password path prints; without an answer (no app, locked, another
// vault, a socket folder of another user, --no-agent) the command asks the password as before.
import { readFileSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOtpEngine } from '../../shared/otp';
import { AgentServer } from '../../electron/agent/server';
import { systemClock } from '../../electron/clock/clock';
import { LOCKED_NOTICE, ttyDevice } from '../../electron/cli/agent-door';
import { APPROVAL_TIMEOUT_MS, AgentService } from '../../electron/use-cases/agent-service';
import { Vault } from '../../electron/vault/vault';
import { TestChoices } from '../harness/browser/ports';
import { assertBuilt, REPO, runCli } from '../harness/cli';
import { ManualTime } from '../harness/manual-timers';

const PASSWORD = 'correct horse battery staple';
const AWS_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const RECORDER = path.join(REPO, 'test', 'harness', 'import-recorder.mjs');
/** Packages the agent path of `code` must not load (the password path loads them). */
const HEAVY =
  /\/node_modules\/(zod|protobufjs|otplib|@otplib|@noble|zxing-wasm|pngjs|jpeg-js|qrcode|@aws-sdk|@smithy|proper-lockfile|@scure)\//;

interface App {
  server: AgentServer;
  service: AgentService;
  choices: TestChoices;
  timers: ManualTime;
  socket: string;
  /** The ops the app was sent, in order. */
  ops: string[];
}

let dir: string;
let vaultFile: string;
let vault: Vault;
let app: App;
const engine = createOtpEngine();

/** A running app: the vault given, its own socket, its own question and timers. */
async function startApp(appVault: Vault, socket: string): Promise<App> {
  const choices = new TestChoices();
  const timers = new ManualTime(Date.now());
  const service = new AgentService({
    vault: appVault,
    engine,
    clock: systemClock,
    timers,
    choices,
    language: () => 'en',
    version: 'test',
    vaultPath: appVault.path,
  });
  const ops: string[] = [];
  const server = new AgentServer({
    path: socket,
    handle: (conn, request) => {
      ops.push(request.op);
      return service.handle(conn, request);
    },
    onClose: (conn) => service.closed(conn),
  });
  await server.listen();
  return { server, service, choices, timers, socket, ops };
}

/** The command with the app's socket and a private settings folder; no password unless given. */
function authdesk(args: string[], opts: { stdin?: string; socket?: string; vault?: string } = {}) {
  return runCli(['--vault', opts.vault ?? vaultFile, ...args], {
    stdin: opts.stdin ?? '',
    env: {
      AUTHDESK_AGENT_SOCKET: opts.socket ?? app.socket,
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      AUTHDESK_VAULT: undefined,
    },
  });
}

/** The same command on the password path, with the password on stdin; the app is never asked. */
function withPassword(args: string[], opts: { vault?: string } = {}) {
  return unasked(
    authdesk([...args, '--no-agent', '--password-stdin'], { ...opts, stdin: `${PASSWORD}\n` }),
  );
}

/** Runs the command and answers the app's question with `button` when it comes. */
async function answered(
  args: string[],
  button: string,
  opts: { stdin?: string; env?: Record<string, string> } = {},
) {
  const asked = app.choices.asked.length;
  const run = runCli(['--vault', vaultFile, ...args], {
    stdin: opts.stdin ?? '',
    env: {
      AUTHDESK_AGENT_SOCKET: app.socket,
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      AUTHDESK_VAULT: undefined,
      ...opts.env,
    },
  });
  const question = await app.choices.next();
  app.choices.answer(button);
  const result = await run;
  expect(app.choices.asked.length).toBe(asked + 1);
  return { ...result, question };
}

/**
 * The command's result when the app asks no question; a question means the command went to the app
 * when it must not: it is denied at once (so nothing hangs) and the test fails.
 */
async function unasked<T>(run: Promise<T>, choices = app.choices): Promise<T> {
  const first = await Promise.race([run, choices.next().then(() => 'asked' as const)]);
  if (first !== 'asked') return first;
  choices.answer('Deny');
  await run;
  throw new Error('the app was asked a question');
}

/** Either code of the step the run started or ended in (the run may cross a step boundary). */
function totpAround(t0: number, t1: number, secret = AWS_SECRET): string[] {
  const params = {
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret,
  } as const;
  return [engine.codesAt(params, t0).current, engine.codesAt(params, t1).current];
}

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-agent-cli-'));
  await mkdir(path.join(dir, 'config'));
  vaultFile = path.join(dir, 'vault.json');
  vault = await Vault.create(vaultFile, PASSWORD, { kdf: { N: 2 ** 10 } });
  await vault.add({
    issuer: 'Amazon Web Services',
    label: 'root@123456789012',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: AWS_SECRET,
  });
  await vault.add({
    issuer: 'Example',
    label: 'alice',
    type: 'hotp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 7,
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  });
  await vault.add({
    issuer: 'Example',
    label: 'bob',
    type: 'totp',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    counter: 0,
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  });
  app = await startApp(vault, path.join(dir, 'run', 'agent.sock'));
});

afterAll(async () => {
  await app?.server.close();
  vault?.lock();
  await rm(dir, { recursive: true, force: true });
});

describe('authdesk code and list through the running app', () => {
  it('code aws: the app asks once, and the command prints the code without asking the password', async () => {
    const t0 = Date.now();
    // No --password-stdin and no terminal: the password path would fail (exit 2).
    const result = await answered(['code', 'aws'], 'Once');
    const t1 = Date.now();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d{6}\n$/);
    expect(totpAround(t0, t1)).toContain(result.stdout.trim());
    // The question names the command and who runs it: the parent program (this test's process).
    expect(result.question.message).toContain('`authdesk code`');
    expect(result.question.detail).toContain('the current code of "aws"');
    if (process.platform === 'linux') {
      const parent = readFileSync(`/proc/${process.pid}/comm`, 'utf8')
        .trim()
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(result.question.message).toMatch(
        new RegExp(`\\(pid \\d+, from ${parent}, (terminal /dev/\\S+|no terminal)\\)`),
      );
    }
  });

  it('without the app the same command asks the password: no terminal → exit 2', async () => {
    const none = await authdesk(['code', 'aws'], { socket: path.join(dir, 'nothing', 'a.sock') });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no terminal to ask for the password');
  });

  it('--no-agent asks the password even though the app could answer', async () => {
    const asked = app.choices.asked.length;
    const refused = await unasked(authdesk(['code', 'aws', '--no-agent']));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('no terminal to ask for the password');
    const t0 = Date.now();
    const typed = await withPassword(['code', 'aws']);
    const t1 = Date.now();
    expect(typed.status).toBe(0);
    expect(totpAround(t0, t1)).toContain(typed.stdout.trim());
    expect(app.choices.asked.length).toBe(asked);
  });

  it('--no-agent is in the general help and in each command’s own', async () => {
    for (const args of [['--help'], ['code', '--help'], ['list', '--help'], ['init', '--help']]) {
      const help = await runCli(args);
      expect(help.stdout).toMatch(/^ {2}--no-agent +ask the password, never the running app/m);
    }
  });

  it('list --json prints exactly what the password path prints', async () => {
    const viaApp = await answered(['list', '--json'], 'Once');
    const viaPassword = await withPassword(['list', '--json']);
    expect(viaApp.status).toBe(0);
    expect(viaApp.stderr).toBe('');
    expect(viaApp.stdout).toBe(viaPassword.stdout);
    const accounts = JSON.parse(viaApp.stdout) as Record<string, unknown>[];
    expect(accounts.map((a) => a.issuer)).toEqual(['Amazon Web Services', 'Example', 'Example']);
    expect(viaApp.stdout).not.toContain('secret');
  });

  it('list prints the same table as the password path (codes of the same moment)', async () => {
    const t0 = Date.now();
    const viaApp = await answered(['list'], 'Once');
    const viaPassword = await withPassword(['list']);
    const t1 = Date.now();
    expect(viaApp.status).toBe(0);
    const shape = (text: string) => text.replace(/\b\d{6,8}\b/g, 'CODE').replace(/\d+s$/gm, 'Ns');
    expect(shape(viaApp.stdout)).toBe(shape(viaPassword.stdout));
    const lines = viaApp.stdout.split('\n');
    expect(lines[0]).toMatch(/^ISSUER +ACCOUNT +CODE +LEFT$/);
    const aws = lines.find((l) => l.startsWith('Amazon Web Services'))!;
    expect(totpAround(t0, t1)).toContain(/\b(\d{6})\b/.exec(aws)![1]);
    expect(lines.find((l) => l.includes('alice'))).toMatch(/hotp #7$/);
  });

  it('no match (exit 4) and several matches (exit 5) say what the password path says', async () => {
    for (const [query, status] of [
      ['nothing-like-this', 4],
      ['example', 5],
    ] as const) {
      const viaApp = await answered(['code', query], 'Once');
      const viaPassword = await withPassword(['code', query]);
      expect(viaApp.status).toBe(status);
      expect(viaPassword.status).toBe(status);
      expect(viaApp.stdout).toBe('');
      expect(viaApp.stderr).toBe(viaPassword.stderr);
    }
  });

  it('an HOTP code through the app moves the counter on, as the password path does; --next does not', async () => {
    const hotp = (counter: number) =>
      engine.codesAt(
        {
          type: 'hotp',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter,
          secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        },
        Date.now(),
      ).current;
    const counterOnDisk = async () => {
      const listed = await withPassword(['list', '--json']);
      return (JSON.parse(listed.stdout) as { label: string; counter: number }[]).find(
        (a) => a.label === 'alice',
      )!.counter;
    };
    const before = await counterOnDisk();
    const next = await answered(['code', 'alice', '--next'], 'Once');
    expect(next.stdout.trim()).toBe(hotp(before + 1));
    expect(await counterOnDisk()).toBe(before);
    const used = await answered(['code', 'alice'], 'Once');
    expect(used.status).toBe(0);
    expect(used.stdout.trim()).toBe(hotp(before));
    expect(await counterOnDisk()).toBe(before + 1);
    // The password path continues from there: the same sequence, whichever door took the code.
    const after = await withPassword(['code', 'alice']);
    expect(after.stdout.trim()).toBe(hotp(before + 1));
  });

  it('Deny ends the command with exit 12 and its message, and no code', async () => {
    const result = await answered(['code', 'aws'], 'Deny');
    expect(result.status).toBe(12);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('authdesk: The request was denied in Authdesk.\n');
  });

  it('a question nobody answers ends the command with exit 13 when the app gives up', async () => {
    const asked = app.choices.asked.length;
    const run = authdesk(['code', 'aws']);
    await app.choices.next();
    // The app's own timer (injected) runs out: the question closes, the request fails.
    app.timers.advance(APPROVAL_TIMEOUT_MS);
    const result = await run;
    expect(app.choices.asked.length).toBe(asked + 1);
    expect(app.choices.pending()).toBeNull();
    expect(result.status).toBe(13);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^authdesk: Nobody answered Authdesk's question/);
  });

  it('"Until locked" lets the next commands through without a question', async () => {
    await answered(['code', 'aws'], 'Until locked');
    const asked = app.choices.asked.length;
    const again = await authdesk(['list', '--json']);
    expect(again.status).toBe(0);
    expect(app.choices.asked.length).toBe(asked);
    app.service.locked(); // as the vault's lock does: the grant ends
    const run = authdesk(['code', 'aws']);
    await app.choices.next();
    app.choices.answer('Deny');
    expect((await run).status).toBe(12);
  });

  it('the agent path of code loads no heavy package (zod, otplib, protobufjs, …)', async () => {
    const file = path.join(dir, 'imports.txt');
    const result = await answered(['code', 'aws'], 'Once', {
      env: { NODE_OPTIONS: `--import=${RECORDER}`, AUTHDESK_RECORD_IMPORTS: file },
    });
    expect(result.status).toBe(0);
    const urls = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    expect(urls.some((u) => /\/dist\/cli\/agent-door-[\w-]+\.js$/.test(u))).toBe(true);
    expect(urls.filter((u) => HEAVY.test(u))).toEqual([]);
  });
});

describe('who the command says it is', () => {
  it("names a Linux tty_nr's device: pseudo-terminals past 255, consoles, serial lines", () => {
    const dev = (major: number, minor: number) =>
      (major << 8) | (minor & 0xff) | ((minor & ~0xff) << 12);
    expect(ttyDevice(dev(136, 3))).toBe('/dev/pts/3');
    expect(ttyDevice(dev(136, 300))).toBe('/dev/pts/300');
    expect(ttyDevice(dev(137, 1))).toBe('/dev/pts/257');
    expect(ttyDevice(dev(4, 2))).toBe('/dev/tty2');
    expect(ttyDevice(dev(4, 65))).toBe('/dev/ttyS1');
    expect(ttyDevice(dev(188, 0))).toBe('/dev/char/188:0');
  });
});

describe('when the app cannot answer, the command asks the password', () => {
  it('a locked app: one line on stderr, then the password path', async () => {
    const locked = await Vault.open(vaultFile);
    const other = await startApp(locked, path.join(dir, 'locked', 'agent.sock'));
    try {
      const t0 = Date.now();
      const result = await authdesk(['code', 'aws', '--password-stdin'], {
        socket: other.socket,
        stdin: `${PASSWORD}\n`,
      });
      const t1 = Date.now();
      expect(result.status).toBe(0);
      expect(totpAround(t0, t1)).toContain(result.stdout.trim());
      expect(result.stderr).toBe(`${LOCKED_NOTICE}\n`);
      expect(other.ops).toEqual(['hello']);
      expect(other.choices.asked).toEqual([]);
    } finally {
      await other.server.close();
    }
  });

  it('an app that accepts but never answers hello: the command says so and asks the password', async () => {
    const folder = path.join(dir, 'hung');
    await mkdir(folder, { mode: 0o700 });
    const socket = path.join(folder, 'agent.sock');
    const held: Socket[] = [];
    const hung = createServer((conn) => held.push(conn)); // reads nothing, answers nothing
    await new Promise<void>((resolve) => hung.listen(socket, resolve));
    try {
      const t0 = Date.now();
      const result = await authdesk(['code', 'aws', '--password-stdin'], {
        socket,
        stdin: `${PASSWORD}\n`,
      });
      const t1 = Date.now();
      expect(result.status).toBe(0);
      expect(totpAround(t0, t1)).toContain(result.stdout.trim());
      expect(result.stderr).toBe('authdesk: the running app was not asked (it did not answer).\n');
      expect(held.length).toBe(1);
    } finally {
      for (const conn of held) conn.destroy();
      await new Promise((resolve) => hung.close(resolve));
    }
  });

  it('an app with another vault open is not asked, and says nothing', async () => {
    const otherFile = path.join(dir, 'other.json');
    const init = await runCli(['init', '--vault', otherFile, '--password-stdin'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(init.status).toBe(0);
    const asked = app.choices.asked.length;
    const ops = app.ops.length;
    const result = await unasked(
      authdesk(['list', '--json', '--password-stdin'], {
        vault: otherFile,
        stdin: `${PASSWORD}\n`,
      }),
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('[]');
    // The app was greeted, said it has another vault, and was asked nothing else.
    expect(app.ops.slice(ops)).toEqual(['hello']);
    expect(app.choices.asked.length).toBe(asked);
  });

  it.runIf(process.getuid?.() === 0)(
    'a socket whose folder belongs to another user is never connected to',
    async () => {
      const folder = path.join(dir, 'foreign');
      const other = await startApp(vault, path.join(folder, 'agent.sock'));
      try {
        await chown(folder, 65534, 65534);
        const result = await unasked(
          authdesk(['code', 'aws', '--password-stdin'], {
            socket: other.socket,
            stdin: `${PASSWORD}\n`,
          }),
          other.choices,
        );
        expect(result.status).toBe(0);
        expect(result.stderr).toBe('');
        expect(other.ops).toEqual([]);
        expect(other.choices.asked).toEqual([]);
      } finally {
        await chown(folder, 0, 0);
        await other.server.close();
      }
    },
  );
});
