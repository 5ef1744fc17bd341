// When the app serves the agent channel: once ready with the setting on, never when it is off,
// stopped and started again as the setting changes, stopped on quit; a failure to start is logged
// and shown in the status, never thrown. The server is a fake that counts and can hold or fail.
import { describe, expect, it } from 'vitest';
import { AuthdeskError } from '../../shared/errors';
import type { AgentStatus } from '../../shared/agent-status';
import { AgentLifecycle, type AgentServerPort } from '../../electron/use-cases/agent-lifecycle';

const tick = () => new Promise((resolve) => setImmediate(resolve));
const PATH = '/run/user/1000/authdesk/agent.sock';

class FakeServer implements AgentServerPort {
  listens = 0;
  closes = 0;
  constructor(
    private readonly world: World,
    private readonly listenResult: () => Promise<void>,
  ) {}
  async listen(): Promise<void> {
    this.listens++;
    this.world.open++;
    this.world.maxOpen = Math.max(this.world.maxOpen, this.world.open);
    try {
      await this.listenResult();
    } catch (error) {
      this.world.open--;
      throw error;
    }
  }
  async close(): Promise<void> {
    this.closes++;
    this.world.open--;
    if (this.world.closeFails) throw new Error('EBUSY');
  }
}

interface World {
  open: number;
  maxOpen: number;
  closeFails: boolean;
}

function make(options: { enabled?: boolean; listen?: () => Promise<void> } = {}) {
  let enabled = options.enabled ?? true;
  const world: World = { open: 0, maxOpen: 0, closeFails: false };
  const servers: FakeServer[] = [];
  const statuses: AgentStatus[] = [];
  const logged: unknown[] = [];
  let stopped = 0;
  const lifecycle = new AgentLifecycle({
    path: PATH,
    makeServer: () => {
      const server = new FakeServer(world, options.listen ?? (async () => {}));
      servers.push(server);
      return server;
    },
    enabled: () => enabled,
    onStatus: (status) => statuses.push(status),
    onStopped: () => stopped++,
    log: (_message, error) => logged.push(error),
  });
  return {
    lifecycle,
    world,
    servers,
    statuses,
    logged,
    stopped: () => stopped,
    set: (on: boolean) => {
      enabled = on;
      return lifecycle.settingsChanged();
    },
  };
}

describe('AgentLifecycle', () => {
  it('serves once the app is ready with the setting on, not before', async () => {
    const t = make();
    expect(t.lifecycle.status()).toEqual({ path: PATH, state: 'starting', error: null });
    await t.lifecycle.settingsChanged();
    expect(t.servers).toHaveLength(0);
    await t.lifecycle.start();
    expect(t.servers.map((s) => s.listens)).toEqual([1]);
    expect(t.lifecycle.status()).toEqual({ path: PATH, state: 'serving', error: null });
    expect(t.statuses.at(-1)).toEqual(t.lifecycle.status());
  });

  it('does not open the socket when the setting is off', async () => {
    const t = make({ enabled: false });
    await t.lifecycle.start();
    expect(t.servers).toHaveLength(0);
    expect(t.lifecycle.status()).toEqual({ path: PATH, state: 'off', error: null });
  });

  it('stops when the setting is turned off (approvals end with it) and starts a new server when turned on', async () => {
    const t = make();
    await t.lifecycle.start();
    await t.set(false);
    expect(t.servers[0]!.closes).toBe(1);
    expect(t.stopped()).toBe(1);
    expect(t.lifecycle.status().state).toBe('off');
    expect(t.world.open).toBe(0);
    await t.set(true);
    expect(t.servers).toHaveLength(2);
    expect(t.servers[1]!.listens).toBe(1);
    expect(t.lifecycle.status().state).toBe('serving');
    expect(t.statuses.map((s) => s.state)).toEqual(['serving', 'off', 'serving']);
  });

  it('another setting changing leaves the server alone', async () => {
    const t = make();
    await t.lifecycle.start();
    await t.lifecycle.settingsChanged();
    await t.lifecycle.settingsChanged();
    expect(t.servers).toHaveLength(1);
    expect(t.servers[0]!.closes).toBe(0);
    expect(t.statuses).toHaveLength(1);
  });

  it('a failure to start is logged and shown with its code, never thrown; turning the setting off and on tries again', async () => {
    let fail = true;
    const t = make({
      listen: async () => {
        if (fail) {
          throw new AuthdeskError('AGENT_SOCKET_UNSAFE', 'The folder belongs to another user.');
        }
      },
    });
    await expect(t.lifecycle.start()).resolves.toBeUndefined();
    expect(t.lifecycle.status()).toEqual({
      path: PATH,
      state: 'failed',
      error: { code: 'AGENT_SOCKET_UNSAFE', message: 'The folder belongs to another user.' },
    });
    expect(t.logged).toHaveLength(1);
    // Another setting changing does not retry (nor log again).
    await t.lifecycle.settingsChanged();
    expect(t.servers).toHaveLength(1);
    fail = false;
    await t.set(false);
    expect(t.servers[0]!.closes).toBe(0); // it never listened
    await t.set(true);
    expect(t.lifecycle.status()).toEqual({ path: PATH, state: 'serving', error: null });
  });

  it('a failure that is not an AuthdeskError is shown as IO_ERROR with its message', async () => {
    const t = make({
      listen: async () => {
        throw Object.assign(new Error('listen EADDRINUSE: address already in use'), {
          code: 'EADDRINUSE',
        });
      },
    });
    await t.lifecycle.start();
    expect(t.lifecycle.status().error).toEqual({
      code: 'IO_ERROR',
      message: 'listen EADDRINUSE: address already in use',
    });
  });

  it('stops on quit, awaited, and starts no more afterwards', async () => {
    const t = make();
    await t.lifecycle.start();
    await t.lifecycle.stop();
    expect(t.servers[0]!.closes).toBe(1);
    expect(t.world.open).toBe(0);
    expect(t.lifecycle.status().state).toBe('stopped');
    await t.set(false);
    await t.set(true);
    expect(t.servers).toHaveLength(1);
    expect(t.lifecycle.status().state).toBe('stopped');
  });

  it('a close that fails on quit is logged, not thrown', async () => {
    const t = make();
    await t.lifecycle.start();
    t.world.closeFails = true;
    await expect(t.lifecycle.stop()).resolves.toBeUndefined();
    expect(t.logged).toHaveLength(1);
    expect(t.lifecycle.status().state).toBe('stopped');
  });

  it('quick toggles run one after another: never two servers open, none left open when it ends off', async () => {
    const pending: (() => void)[] = [];
    const t = make({ listen: () => new Promise<void>((resolve) => pending.push(resolve)) });
    const started = t.lifecycle.start();
    await tick();
    const toggles = [t.set(false), t.set(true), t.set(false)];
    await tick();
    // Only the first listen has begun; the toggles wait for it.
    expect(t.servers).toHaveLength(1);
    // Each round answers the listen that is waiting, if any, and lets the queue move on.
    for (let round = 0; round < 10; round++) {
      pending.shift()?.();
      await tick();
    }
    await Promise.all([started, ...toggles]);
    expect(t.world.maxOpen).toBe(1);
    expect(t.world.open).toBe(0);
    expect(t.lifecycle.status().state).toBe('off');
  });

  it('quitting while it starts waits for the start, then closes', async () => {
    let release!: () => void;
    const t = make({ listen: () => new Promise<void>((resolve) => (release = resolve)) });
    const started = t.lifecycle.start();
    await tick();
    const stopped = t.lifecycle.stop();
    await tick();
    expect(t.servers[0]!.closes).toBe(0);
    release();
    await Promise.all([started, stopped]);
    expect(t.servers[0]!.closes).toBe(1);
    expect(t.world.open).toBe(0);
    expect(t.lifecycle.status().state).toBe('stopped');
  });
});
