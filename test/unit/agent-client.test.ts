// The command's side of the agent channel: connects only to a socket of the user's own, turns
// error frames into errors that keep the exit code, refuses oversized answers, loads nothing heavy.
import { chmod, chown, readFile, symlink } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentError, connectAgent, type AgentClient } from '../../electron/agent/client';
import { MAX_RESPONSE_BYTES } from '../../electron/agent/protocol';
import { AgentServer } from '../../electron/agent/server';
import { AuthdeskError } from '../../shared/errors';
import { rawFrame, socketDir, staleSocket } from '../harness/agent-sockets';

const IS_ROOT = process.getuid?.() === 0;
const OTHER_UID = 65534;
const client = { pid: 1, ppid: 2, parent: 'bash', tty: '/dev/pts/1', command: 'code', vault: '/v' };

let dir: Awaited<ReturnType<typeof socketDir>>;
let server: AgentServer | null;
let opened: AgentClient[];

beforeEach(async () => {
  dir = await socketDir();
  server = null;
  opened = [];
});

afterEach(async () => {
  for (const c of opened) c.close();
  await server?.close();
  await dir.done();
});

async function serve(): Promise<void> {
  server = new AgentServer({
    path: dir.socket,
    handle: async (_conn, request) => {
      if (request.op === 'hello') return { app: 'Authdesk test', unlocked: true, sameVault: true };
      if (request.op === 'code' && request.query === 'many') {
        throw Object.assign(new AuthdeskError('ACCOUNT_NOT_FOUND', '"many" matches 2'), {
          exitCode: 5,
        });
      }
      if (request.op === 'code') {
        return { account: { id: 'a' }, code: '123456', expiresAt: 30_000 };
      }
      throw new AuthdeskError('AGENT_DENIED', 'The request was denied in Authdesk.');
    },
  });
  await server.listen();
}

async function open(socket = dir.socket): Promise<AgentClient | null> {
  const c = await connectAgent(socket, { timeoutMs: 5000 });
  if (c) opened.push(c);
  return c;
}

describe('connectAgent', () => {
  it('asks the app and gets typed answers', async () => {
    await serve();
    const agent = (await open())!;
    expect(await agent.request({ op: 'hello', client })).toEqual({
      app: 'Authdesk test',
      unlocked: true,
      sameVault: true,
    });
    const answer = await agent.request({ op: 'code', query: 'aws', which: 'current' });
    expect(answer.code).toBe('123456');
    // Two at once on one connection: each answer reaches its own request.
    const [a, b] = await Promise.all([
      agent.request({ op: 'code', query: 'x', which: 'next' }),
      agent.request({ op: 'hello', client }),
    ]);
    expect([a.code, b.app]).toEqual(['123456', 'Authdesk test']);
  });

  it("turns the app's refusals into AgentError, keeping the exit code", async () => {
    await serve();
    const agent = (await open())!;
    const ambiguous = await agent
      .request({ op: 'code', query: 'many', which: 'current' })
      .catch((e: unknown) => e);
    expect(ambiguous).toBeInstanceOf(AgentError);
    expect(ambiguous).toBeInstanceOf(AuthdeskError);
    expect(ambiguous).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', exitCode: 5 });
    const refused = await agent.request({ op: 'list' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'AGENT_DENIED', exitCode: undefined });
  });

  it('is null when nothing listens: no file, or a stale socket', async () => {
    expect(await open()).toBeNull();
    await staleSocket(dir.socket);
    expect(await open()).toBeNull();
    expect(await open(path.join(dir.dir, 'missing', 'agent.sock'))).toBeNull();
  });

  it('is null when the folder is open to others', async () => {
    await serve();
    await chmod(dir.dir, 0o755);
    expect(await open()).toBeNull();
    await chmod(dir.dir, 0o700);
    expect(await open()).not.toBeNull();
  });

  it('is null when the socket path is a link, even to a live socket of ours', async () => {
    await serve();
    const link = path.join(dir.dir, 'link.sock');
    await symlink(dir.socket, link);
    expect(await open(link)).toBeNull();
    const linkedFolder = path.join(path.dirname(dir.dir), `${path.basename(dir.dir)}-link`);
    await symlink(dir.dir, linkedFolder);
    try {
      expect(await open(path.join(linkedFolder, 'agent.sock'))).toBeNull();
    } finally {
      await import('node:fs/promises').then((fs) => fs.unlink(linkedFolder));
    }
  });

  it.skipIf(!IS_ROOT)(
    'is null for a socket or folder of another user (a planted agent)',
    async () => {
      await serve();
      await chown(dir.socket, OTHER_UID, OTHER_UID);
      expect(await open()).toBeNull();
      await chown(dir.socket, 0, 0);
      expect(await open()).not.toBeNull();
      await chown(dir.dir, OTHER_UID, OTHER_UID);
      expect(await open()).toBeNull();
    },
  );

  it('refuses an answer larger than MAX_RESPONSE_BYTES from its length prefix', async () => {
    const fake = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.write(rawFrame(Buffer.alloc(0), MAX_RESPONSE_BYTES + 1)));
    });
    await new Promise<void>((resolve) => fake.listen(dir.socket, resolve));
    try {
      const agent = (await open())!;
      const error = await agent.request({ op: 'list' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AGENT_PROTOCOL' });
      expect((error as Error).message).toMatch(/larger than/);
    } finally {
      await new Promise<void>((resolve) => fake.close(() => resolve()));
    }
  });

  it('fails a pending request when the app goes away', async () => {
    const fake = net.createServer((socket) => socket.once('data', () => socket.destroy()));
    await new Promise<void>((resolve) => fake.listen(dir.socket, resolve));
    try {
      const agent = (await open())!;
      await expect(agent.request({ op: 'list' })).rejects.toMatchObject({ code: 'AGENT_PROTOCOL' });
      await expect(agent.request({ op: 'list' })).rejects.toMatchObject({ code: 'AGENT_PROTOCOL' });
    } finally {
      await new Promise<void>((resolve) => fake.close(() => resolve()));
    }
  });
});

describe("the command's fast path", () => {
  it('client.ts loads only Node built-ins and plain files: no package, no zod', async () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = async (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = await readFile(file, 'utf8');
      // Value imports only: `import type` and `export type` are erased from the bundle.
      const specs = [
        ...source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms),
      ].map((m) => m[1]!);
      for (const spec of specs) {
        if (spec.startsWith('.')) await visit(path.resolve(path.dirname(file), `${spec}.ts`));
        else packages.add(spec);
      }
    };
    await visit(path.join(root, 'electron', 'agent', 'client.ts'));
    const files = [...seen].map((f) => path.relative(root, f)).sort();
    expect(files).toEqual([
      'electron/agent/client.ts',
      'electron/agent/framing.ts',
      'electron/agent/protocol.ts',
      'shared/errors.ts',
    ]);
    for (const spec of packages) {
      expect(spec.startsWith('node:') && builtinModules.includes(spec.slice(5)), spec).toBe(true);
    }
  });
});
