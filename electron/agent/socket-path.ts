// Where the agent channel lives. POSIX: a Unix domain socket in a folder only the user can open —
// $XDG_RUNTIME_DIR/authdesk (a per-user tmpfs on Linux) when there is one, else the app's data
// folder; a path too long for sun_path moves to <tmp>/authdesk-<uid>. Windows: a named pipe whose
// name is derived from the user and the data folder. AUTHDESK_AGENT_SOCKET overrides it (tests,
// several instances). The command computes the same path from the same inputs.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The socket's file name inside its folder. */
export const SOCKET_NAME = 'agent.sock';

/**
 * The longest socket path, in bytes, that fits sun_path everywhere we run: macOS and the BSDs hold
 * 104 bytes with the final NUL, Linux 108.
 */
export const MAX_SOCKET_PATH_BYTES = 103;

export interface SocketPathInputs {
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The app's data folder (Electron's userData; the command computes the same folder). */
  userData: string;
  /** process.getuid(); null on Windows. */
  uid: number | null;
  /** os.tmpdir(); for the short fallback path. */
  tmpdir: string;
  /** os.userInfo().username; part of the Windows pipe's name. */
  userName: string;
  /**
   * Windows: a random key kept in the data folder (windowsPipeKey), so that the pipe's name cannot
   * be guessed by another user, who cannot read that folder.
   */
  pipeKey?: string;
  /** Whether an absolute path is an existing folder; fs.statSync by default. */
  isDirectory?: (folder: string) => boolean;
}

export function agentSocketPath(inputs: SocketPathInputs): string {
  const override = inputs.env.AUTHDESK_AGENT_SOCKET;
  if (override) return override;
  if (inputs.platform === 'win32') {
    const hash = createHash('sha256')
      .update(
        `${inputs.userName.toLowerCase()}\0${path.win32.resolve(inputs.userData).toLowerCase()}\0${inputs.pipeKey ?? ''}`,
      )
      .digest('hex')
      .slice(0, 16);
    return `\\\\.\\pipe\\authdesk-agent-${hash}`;
  }
  const isDirectory = inputs.isDirectory ?? directoryExists;
  const runtime = inputs.env.XDG_RUNTIME_DIR;
  const folder =
    runtime && path.posix.isAbsolute(runtime) && isDirectory(runtime)
      ? path.posix.join(runtime, 'authdesk')
      : path.posix.join(inputs.userData, 'agent');
  const preferred = path.posix.join(folder, SOCKET_NAME);
  if (Buffer.byteLength(preferred, 'utf8') <= MAX_SOCKET_PATH_BYTES) return preferred;
  return path.posix.join(inputs.tmpdir, `authdesk-${inputs.uid ?? 'user'}`, SOCKET_NAME);
}

/** The socket path for this process (its platform, environment, user and temporary folder). */
export function agentSocketPathFor(userData: string): string {
  return agentSocketPath({
    platform: process.platform,
    env: process.env,
    userData,
    uid: process.getuid?.() ?? null,
    tmpdir: os.tmpdir(),
    userName: userName(),
    pipeKey: process.platform === 'win32' ? windowsPipeKey(userData) : undefined,
  });
}

/** The file in the data folder that holds the Windows pipe's random key. */
export const PIPE_KEY_FILE = 'agent-pipe.key';

/**
 * The random key in `<userData>/agent-pipe.key`, made on first use by whichever side comes first
 * (the app or the command; `wx`, so both end up with the same key). '' when the folder cannot be
 * written: the pipe's name is then derived from the user and the folder only.
 */
export function windowsPipeKey(userData: string): string {
  const file = path.join(userData, PIPE_KEY_FILE);
  const read = (): string | null => {
    try {
      const text = readFileSync(file, 'utf8').trim();
      return /^[0-9a-f]{32}$/.test(text) ? text : null;
    } catch {
      return null;
    }
  };
  const existing = read();
  if (existing !== null) return existing;
  try {
    mkdirSync(userData, { recursive: true });
    writeFileSync(file, randomBytes(16).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch {
    // Made by the other side meanwhile, or not writable: read what is there.
  }
  return read() ?? '';
}

function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    // A uid without a passwd entry (some containers): the environment's name, or none.
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

function directoryExists(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
