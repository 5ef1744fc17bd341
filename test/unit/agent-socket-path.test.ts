import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  agentSocketPath,
  MAX_SOCKET_PATH_BYTES,
  PIPE_KEY_FILE,
  windowsPipeKey,
  type SocketPathInputs,
} from '../../electron/agent/socket-path';

const base: SocketPathInputs = {
  platform: 'linux',
  env: {},
  userData: '/home/alice/.config/Authdesk',
  uid: 1000,
  tmpdir: '/tmp',
  userName: 'alice',
  isDirectory: (folder) => folder === '/run/user/1000',
};

describe('agentSocketPath', () => {
  it('uses $XDG_RUNTIME_DIR/authdesk when it is an absolute existing folder', () => {
    expect(agentSocketPath({ ...base, env: { XDG_RUNTIME_DIR: '/run/user/1000' } })).toBe(
      '/run/user/1000/authdesk/agent.sock',
    );
  });

  it('falls back to the data folder when XDG_RUNTIME_DIR is unset, relative or missing', () => {
    for (const XDG_RUNTIME_DIR of [undefined, '', 'run/user/1000', '/run/user/999']) {
      expect(agentSocketPath({ ...base, env: { XDG_RUNTIME_DIR } })).toBe(
        '/home/alice/.config/Authdesk/agent/agent.sock',
      );
    }
    expect(
      agentSocketPath({
        ...base,
        platform: 'darwin',
        userData: '/Users/alice/Library/Application Support/Authdesk',
      }),
    ).toBe('/Users/alice/Library/Application Support/Authdesk/agent/agent.sock');
  });

  it('moves to <tmp>/authdesk-<uid> when the path would not fit sun_path', () => {
    const fits = '/h/' + 'a'.repeat(MAX_SOCKET_PATH_BYTES - '/h//agent/agent.sock'.length);
    expect(agentSocketPath({ ...base, userData: fits })).toBe(`${fits}/agent/agent.sock`);
    expect(Buffer.byteLength(`${fits}/agent/agent.sock`)).toBe(MAX_SOCKET_PATH_BYTES);
    const long = fits + 'a';
    expect(agentSocketPath({ ...base, userData: long })).toBe('/tmp/authdesk-1000/agent.sock');
    // Bytes, not characters: each of these takes three.
    const wide = '/h/' + 'あ'.repeat(40);
    expect(agentSocketPath({ ...base, userData: wide, tmpdir: '/var/tmp' })).toBe(
      '/var/tmp/authdesk-1000/agent.sock',
    );
  });

  it('is a named pipe on Windows, named for the user and the data folder', () => {
    const win: SocketPathInputs = {
      ...base,
      platform: 'win32',
      uid: null,
      userData: 'C:\\Users\\alice\\AppData\\Roaming\\Authdesk',
    };
    const pipe = agentSocketPath(win);
    expect(pipe).toMatch(/^\\\\\.\\pipe\\authdesk-agent-[0-9a-f]{16}$/);
    expect(agentSocketPath({ ...win, userName: 'ALICE' })).toBe(pipe);
    expect(agentSocketPath({ ...win, userName: 'bob' })).not.toBe(pipe);
    expect(agentSocketPath({ ...win, userData: 'D:\\Authdesk' })).not.toBe(pipe);
    // The random key in the data folder makes the name unguessable to other users.
    const keyed = agentSocketPath({ ...win, pipeKey: 'a'.repeat(32) });
    expect(keyed).not.toBe(pipe);
    expect(agentSocketPath({ ...win, pipeKey: 'a'.repeat(32) })).toBe(keyed);
    expect(agentSocketPath({ ...win, pipeKey: 'b'.repeat(32) })).not.toBe(keyed);
  });

  it('the pipe key is made once, by whichever side comes first, and kept', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-pipe-'));
    try {
      const userData = path.join(dir, 'Authdesk');
      const first = windowsPipeKey(userData);
      expect(first).toMatch(/^[0-9a-f]{32}$/);
      expect(windowsPipeKey(userData)).toBe(first);
      expect(await readFile(path.join(userData, PIPE_KEY_FILE), 'utf8')).toBe(first);
      expect((await stat(path.join(userData, PIPE_KEY_FILE))).mode & 0o777).toBe(0o600);
      expect(windowsPipeKey(path.join(dir, 'Other'))).not.toBe(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('AUTHDESK_AGENT_SOCKET overrides everything', () => {
    const env = { AUTHDESK_AGENT_SOCKET: '/tmp/x/a.sock', XDG_RUNTIME_DIR: '/run/user/1000' };
    expect(agentSocketPath({ ...base, env })).toBe('/tmp/x/a.sock');
    expect(agentSocketPath({ ...base, platform: 'win32', env })).toBe('/tmp/x/a.sock');
  });
});
