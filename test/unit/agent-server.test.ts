// The agent server over real Unix sockets in a temp folder: framing, order, limits, timeouts, and
// the socket file's safety (stale, live, links, files, other owners). Injected timers; no sleeps.
import {
  chmod,
  chown,
  lstat,
  mkdir,
  readFile,
  readlink,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AgentServer,
  AgentSocketInUseError,
  type AgentConnection,
  type AgentServerOptions,
} from '../../electron/agent/server';
import type { AgentRequest } from '../../electron/agent/protocol';
import { AuthdeskError } from '../../shared/errors';
import { deferred, rawFrame, RawClient, socketDir, staleSocket, V } from '../harness/agent-sockets';
import { ManualTime } from '../harness/manual-timers';

const IS_ROOT = process.getuid?.() === 0;
const NOT_ROOT = 'needs root to chown a file to another user (uid 65534); this run is not root';
const OTHER_UID = 65534;

const hello = {
  op: 'hello',
  client: { pid: 1, ppid: 2, parent: 'bash', tty: null, command: 'code', vault: '/v.json' },
};

let dir: Awaited<ReturnType<typeof socketDir>>;
let time: ManualTime;
const servers: AgentServer[] = [];
const clients: RawClient[] = [];

beforeEach(async () => {
  dir = await socketDir();
  time = new ManualTime(0);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.close();
  await dir.done();
});

async function serve(
  options: Partial<AgentServerOptions> & Pick<AgentServerOptions, 'handle'>,
  socket = dir.socket,
): Promise<AgentServer> {
  const server = new AgentServer({ path: socket, timers: time, ...options });
  await server.listen();
  servers.push(server);
  return server;
}

async function connect(socket = dir.socket): Promise<RawClient> {
  const client = await RawClient.connect(socket);
  clients.push(client);
  return client;
}

/** Echoes the op; the count of requests being handled at once is kept. */
function echo() {
  const seen: { conn: number; op: string }[] = [];
  let running = 0;
  let most = 0;
  const handle = async (conn: AgentConnection, request: AgentRequest) => {
    running++;
    most = Math.max(most, running);
    seen.push({ conn: conn.id, op: request.op });
    await Promise.resolve();
    running--;
    return { op: request.op };
  };
  return { handle, seen, most: () => most };
}

describe('AgentServer: requests and answers', () => {
  it('answers two clients at once, and one waiting on the service never stalls the other', async () => {
    const gate = deferred();
    await serve({
      handle: async (conn, request) => {
        if (request.op === 'list' && conn.id === 1) await gate.promise;
        return { conn: conn.id, op: request.op };
      },
    });
    const a = await connect();
    const b = await connect();
    a.send({ id: 1, op: 'list' });
    b.send({ id: 1, op: 'list' });
    expect(await b.answersBy(1)).toEqual([
      { v: V, id: 1, ok: true, result: { conn: 2, op: 'list' } },
    ]);
    expect(a.answers).toEqual([]);
    gate.resolve();
    expect(await a.answersBy(1)).toEqual([
      { v: V, id: 1, ok: true, result: { conn: 1, op: 'list' } },
    ]);
  });

  it('answers one request at a time per connection, in order', async () => {
    const service = echo();
    await serve({ handle: service.handle });
    const client = await connect();
    // Three frames in one write, the last split across two.
    const frames = Buffer.concat([
      rawFrame(JSON.stringify({ v: V, id: 7, op: 'list' })),
      rawFrame(JSON.stringify({ v: V, id: 8, op: 'code', query: 'aws', which: 'current' })),
      rawFrame(JSON.stringify({ v: V, id: 9, op: 'session-get', key: 'k' })),
    ]);
    client.write(frames.subarray(0, frames.length - 3));
    client.write(frames.subarray(frames.length - 3));
    const answers = await client.answersBy(3);
    expect(answers.map((a) => [a.id, a.result])).toEqual([
      [7, { op: 'list' }],
      [8, { op: 'code' }],
      [9, { op: 'session-get' }],
    ]);
    expect(service.most()).toBe(1);
  });

  it("sends an AuthdeskError's code, message and exit code; anything else only as INTERNAL_ERROR", async () => {
    const logged: unknown[] = [];
    await serve({
      log: (error) => logged.push(error),
      handle: async (_conn, request) => {
        if (request.op === 'list') throw new AuthdeskError('VAULT_LOCKED', 'Locked.');
        if (request.op === 'code') {
          throw Object.assign(new AuthdeskError('ACCOUNT_NOT_FOUND', 'Two match.'), {
            exitCode: 5,
          });
        }
        throw new Error('secret internal detail');
      },
    });
    const client = await connect();
    client.send({ id: 1, op: 'list' });
    client.send({ id: 2, op: 'code', query: 'a', which: 'current' });
    client.send({ id: 3, op: 'session-get', key: 'k' });
    const answers = await client.answersBy(3);
    expect(answers).toEqual([
      { v: V, id: 1, ok: false, error: { code: 'VAULT_LOCKED', message: 'Locked.' } },
      {
        v: V,
        id: 2,
        ok: false,
        error: { code: 'ACCOUNT_NOT_FOUND', message: 'Two match.', exitCode: 5 },
      },
      {
        v: V,
        id: 3,
        ok: false,
        error: { code: 'INTERNAL_ERROR', message: 'Something went wrong.' },
      },
    ]);
    expect(JSON.stringify(answers)).not.toContain('secret internal detail');
    expect(logged).toHaveLength(1);
  });

  it('refuses an unknown op and invalid fields, and the connection goes on', async () => {
    const service = echo();
    await serve({ handle: service.handle });
    const client = await connect();
    client.send({ id: 1, op: 'reveal-secret', id2: 'x' });
    client.send({ id: 2, op: 'code', query: 'x'.repeat(257), which: 'current' });
    client.send({ id: 3, op: 'list', extra: true });
    client.send({ id: 4, ...hello });
    const answers = await client.answersBy(4);
    expect(answers.map((a) => [a.id, a.ok ? 'ok' : a.error!.code])).toEqual([
      [1, 'AGENT_PROTOCOL'],
      [2, 'INVALID_ARGUMENT'],
      [3, 'INVALID_ARGUMENT'],
      [4, 'ok'],
    ]);
    expect(service.seen.map((s) => s.op)).toEqual(['hello']);
  });
});

describe('AgentServer: malformed frames', () => {
  async function refused(bytes: Buffer): Promise<RawClient> {
    const service = echo();
    await serve({ handle: service.handle });
    const client = await connect();
    client.write(bytes);
    await client.closed;
    expect(client.answers).toHaveLength(1);
    expect(client.answers[0]).toMatchObject({ v: V, ok: false, error: { code: 'AGENT_PROTOCOL' } });
    expect(service.seen).toEqual([]);
    return client;
  }

  it('refuses bad JSON and closes the connection', async () => {
    await refused(rawFrame('{"v":1,"id":1,'));
  });

  it('refuses a frame that is not an object', async () => {
    await refused(rawFrame('[1,2,3]'));
  });

  it('refuses another protocol version, answering its id', async () => {
    const client = await refused(rawFrame(JSON.stringify({ v: V + 1, id: 42, op: 'list' })));
    expect(client.answers[0]!.id).toBe(42);
  });

  it('refuses an oversized frame from its length prefix, before any of its body is sent', async () => {
    // The header alone announces 4 GiB; the server answers without waiting for a byte of it.
    const client = await refused(rawFrame(Buffer.alloc(0), 0xffff_ffff));
    expect(client.answers[0]!.error!.message).toMatch(/4294967295 bytes/);
  });

  it('refuses a frame one byte over MAX_REQUEST_BYTES', async () => {
    await refused(rawFrame(Buffer.alloc(0), 64 * 1024 + 1));
  });

  it('a broken client leaves the others answered', async () => {
    const service = echo();
    await serve({ handle: service.handle });
    const bad = await connect();
    const good = await connect();
    bad.write(rawFrame('nope'));
    good.send({ id: 1, op: 'list' });
    await bad.closed;
    expect(await good.answersBy(1)).toMatchObject([{ id: 1, ok: true }]);
  });
});

describe('AgentServer: limits and timeouts', () => {
  it('closes a connection that queues more than maxQueued requests', async () => {
    const gate = deferred();
    await serve({ handle: () => gate.promise.then(() => ({})), limits: { maxQueued: 3 } });
    const client = await connect();
    // One being handled, three waiting: fine. A fifth is one too many.
    for (let id = 1; id <= 5; id++) client.send({ id, op: 'list' });
    await client.closed;
    expect(client.answers).toMatchObject([{ id: 5, ok: false, error: { code: 'AGENT_PROTOCOL' } }]);
    gate.resolve();
  });

  it('destroys a client that never reads, while another is answered', async () => {
    const closedConns: number[] = [];
    const big = 'x'.repeat(2 * 1024 * 1024);
    const server = await serve({
      handle: async (_conn, request) => (request.op === 'list' ? { big } : { small: true }),
      onClose: (conn) => closedConns.push(conn.id),
      limits: { maxBufferedBytes: 256 * 1024 },
    });
    const silent = await connect();
    silent.socket.pause(); // never reads: the 2 MB answer stays in the server's output buffer
    silent.send({ id: 1, op: 'list' });
    const other = await connect();
    other.send({ id: 1, op: 'code', query: 'a', which: 'current' });
    expect(await other.answersBy(1)).toMatchObject([{ id: 1, ok: true, result: { small: true } }]);
    // The server ends it (a paused client would not even notice the close).
    await waitFor(() => closedConns.length > 0);
    expect(closedConns).toEqual([1]);
    expect(server.connections).toBe(1);
  });

  it('closes connections over maxConnections at once, with an AGENT_PROTOCOL answer', async () => {
    const service = echo();
    const server = await serve({ handle: service.handle, limits: { maxConnections: 2 } });
    const a = await connect();
    const b = await connect();
    a.send({ id: 1, ...hello });
    await a.answersBy(1);
    b.send({ id: 1, ...hello });
    await b.answersBy(1);
    const c = await connect();
    await c.closed;
    expect(c.answers).toMatchObject([{ id: 0, ok: false, error: { code: 'AGENT_PROTOCOL' } }]);
    expect(server.connections).toBe(2);
    // The two served ones go on.
    a.send({ id: 2, op: 'list' });
    expect(await a.answersBy(2)).toMatchObject([{ id: 1 }, { id: 2, ok: true }]);
    // A place freed is a place taken.
    b.destroy();
    await b.closed;
    await waitFor(() => server.connections === 1);
    const d = await connect();
    d.send({ id: 1, op: 'list' });
    expect(await d.answersBy(1)).toMatchObject([{ id: 1, ok: true }]);
  });

  it('closes an idle connection and a half-sent frame after idleMs, not one waiting on the service', async () => {
    const gate = deferred();
    const server = await serve({
      handle: async (_conn, request) => {
        if (request.op === 'list') await gate.promise;
        return {};
      },
      limits: { idleMs: 1000 },
    });
    const idle = await connect();
    const partial = await connect();
    const waiting = await connect();
    partial.write(rawFrame(JSON.stringify({ v: V, id: 1, op: 'list' })).subarray(0, 6));
    waiting.send({ id: 1, op: 'list' });
    await waitFor(() => server.connections === 3);
    // Let the server read what was sent before the clock moves.
    await waitFor(() => time.pending === 2);
    time.advance(999);
    expect(server.connections).toBe(3);
    time.advance(1);
    await idle.closed;
    await partial.closed;
    expect(server.connections).toBe(1);
    // Waiting on the service is not idle, however long it takes …
    time.advance(60_000);
    expect(server.connections).toBe(1);
    gate.resolve();
    expect(await waiting.answersBy(1)).toMatchObject([{ id: 1, ok: true }]);
    // … and after the answer its own idle time starts.
    time.advance(1000);
    await waiting.closed;
  });
});

/** Polls a condition the sockets will make true; bounded by the test's own timeout. */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('AgentServer: the socket file and its folder', () => {
  const noop = async () => ({});

  it('makes the socket 0600 and its folder 0700', async () => {
    const folder = path.join(dir.dir, 'made', 'here');
    await serve({ handle: noop }, path.join(folder, 'agent.sock'));
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const socket = await lstat(path.join(folder, 'agent.sock'));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
    // Only the socket: the private name it was bound under is gone.
    expect(await import('node:fs/promises').then((fs) => fs.readdir(folder))).toEqual([
      'agent.sock',
    ]);
  });

  it('narrows a folder of ours that others can open (0755) to 0700', async () => {
    const folder = path.join(dir.dir, 'wide');
    await mkdir(folder, { mode: 0o755 });
    await chmod(folder, 0o755);
    await serve({ handle: noop }, path.join(folder, 'agent.sock'));
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it('does not narrow a folder that holds other files (a home folder): refuses it', async () => {
    const home = path.join(dir.dir, 'home');
    await mkdir(home, { mode: 0o755 });
    await chmod(home, 0o755);
    await writeFile(path.join(home, '.profile'), '');
    const server = new AgentServer({
      path: path.join(home, 'agent.sock'),
      handle: noop,
      timers: time,
    });
    await expect(server.listen()).rejects.toMatchObject({ code: 'AGENT_SOCKET_UNSAFE' });
    expect((await stat(home)).mode & 0o777).toBe(0o755);
  });

  it.skipIf(!IS_ROOT)(
    'refuses a folder owned by someone else, and leaves it as it is',
    async () => {
      void NOT_ROOT;
      const folder = path.join(dir.dir, 'theirs');
      await mkdir(folder, { mode: 0o755 });
      await chown(folder, OTHER_UID, OTHER_UID);
      const server = new AgentServer({
        path: path.join(folder, 'agent.sock'),
        handle: noop,
        timers: time,
      });
      await expect(server.listen()).rejects.toMatchObject({ code: 'AGENT_SOCKET_UNSAFE' });
      const after = await stat(folder);
      expect([after.uid, after.mode & 0o777]).toEqual([OTHER_UID, 0o755]);
    },
  );

  it('refuses a folder that is a link, and a shared (sticky) folder', async () => {
    const real = path.join(dir.dir, 'real');
    await mkdir(real, { mode: 0o700 });
    await symlink(real, path.join(dir.dir, 'link'));
    const linked = new AgentServer({
      path: path.join(dir.dir, 'link', 'agent.sock'),
      handle: noop,
      timers: time,
    });
    await expect(linked.listen()).rejects.toMatchObject({ code: 'AGENT_SOCKET_UNSAFE' });
    const shared = path.join(dir.dir, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o1777);
    const inShared = new AgentServer({
      path: path.join(shared, 'agent.sock'),
      handle: noop,
      timers: time,
    });
    await expect(inShared.listen()).rejects.toMatchObject({ code: 'AGENT_SOCKET_UNSAFE' });
    expect((await stat(shared)).mode & 0o7777).toBe(0o1777);
  });

  it('replaces a stale socket of ours', async () => {
    await staleSocket(dir.socket);
    const before = await lstat(dir.socket);
    await serve({ handle: async () => ({ fresh: true }) });
    const after = await lstat(dir.socket);
    expect(after.ino).not.toBe(before.ino);
    const client = await connect();
    client.send({ id: 1, op: 'list' });
    expect(await client.answersBy(1)).toMatchObject([{ ok: true, result: { fresh: true } }]);
  });

  it('does not replace a live socket: another instance serves, this one refuses to start', async () => {
    await serve({ handle: async () => ({ first: true }) });
    const second = new AgentServer({ path: dir.socket, handle: noop, timers: time });
    const error = await second.listen().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentSocketInUseError);
    expect((error as Error).message).toMatch(/Another Authdesk already answers/);
    const client = await connect();
    client.send({ id: 1, op: 'list' });
    expect(await client.answersBy(1)).toMatchObject([{ ok: true, result: { first: true } }]);
  });

  it('on Windows, a pipe name already held is reported as another instance', async () => {
    // The pipe's path taken as is (no folder checks); a name already bound fails with EADDRINUSE,
    // as libuv's FILE_FLAG_FIRST_PIPE_INSTANCE makes it on Windows.
    await serve({ handle: noop });
    const pipe = new AgentServer({
      path: dir.socket,
      handle: noop,
      timers: time,
      platform: 'win32',
    });
    await expect(pipe.listen()).rejects.toBeInstanceOf(AgentSocketInUseError);
  });

  it('refuses a symbolic link at the socket path and never follows or removes it', async () => {
    const target = path.join(dir.dir, 'target.txt');
    await writeFile(target, 'keep');
    await symlink(target, dir.socket);
    const server = new AgentServer({ path: dir.socket, handle: noop, timers: time });
    await expect(server.listen()).rejects.toMatchObject({ code: 'AGENT_SOCKET_UNSAFE' });
    expect(await readlink(dir.socket)).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('keep');
  });

  it('refuses a regular file at the socket path and leaves it', async () => {
    await writeFile(dir.socket, 'not a socket');
    const server = new AgentServer({ path: dir.socket, handle: noop, timers: time });
    await expect(server.listen()).rejects.toMatchObject({ code: 'AGENT_SOCKET_UNSAFE' });
    expect(await readFile(dir.socket, 'utf8')).toBe('not a socket');
  });

  it.skipIf(!IS_ROOT)("refuses another user's socket at the path and leaves it", async () => {
    await staleSocket(dir.socket);
    await chown(dir.socket, OTHER_UID, OTHER_UID);
    const before = await lstat(dir.socket);
    const server = new AgentServer({ path: dir.socket, handle: noop, timers: time });
    await expect(server.listen()).rejects.toMatchObject({ code: 'AGENT_SOCKET_UNSAFE' });
    const after = await lstat(dir.socket);
    expect([after.ino, after.uid]).toEqual([before.ino, OTHER_UID]);
  });

  it('removes its own socket on close', async () => {
    const server = await serve({ handle: noop });
    await server.close();
    await expect(lstat(dir.socket)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves the path alone on close when the socket was replaced by a link or a file', async () => {
    const server = await serve({ handle: noop });
    const target = path.join(dir.dir, 'target.txt');
    await writeFile(target, 'keep');
    await unlink(dir.socket);
    await symlink(target, dir.socket);
    await server.close();
    expect(await readlink(dir.socket)).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('keep');

    await unlink(dir.socket);
    const again = await serve({ handle: noop });
    await unlink(dir.socket);
    await staleSocket(dir.socket); // another socket, not the one it bound
    const other = await lstat(dir.socket);
    await again.close();
    expect((await lstat(dir.socket)).ino).toBe(other.ino);
  });
});
