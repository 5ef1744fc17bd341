// Where the agent channel lives. POSIX: a Unix domain socket in a folder only the user can open —
// $XDG_RUNTIME_DIR/authdesk (a per-user tmpfs on Linux) when there is one, else the app's data
// folder; a path too long for sun_path moves to <tmp>/authdesk-<uid>. Windows: a named pipe whose
// name is derived from the user and the data folder. AUTHDESK_AGENT_SOCKET overrides it (tests,
// several instances). The command computes the same path from the same inputs.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
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
  /** Whether an absolute path is an existing folder; fs.statSync by default. */
  isDirectory?: (folder: string) => boolean;
}

export function agentSocketPath(inputs: SocketPathInputs): string {
  const override = inputs.env.AUTHDESK_AGENT_SOCKET;
  if (override) return override;
  if (inputs.platform === 'win32') {
    const hash = createHash('sha256')
      .update(
        `${inputs.userName.toLowerCase()}\0${path.win32.resolve(inputs.userData).toLowerCase()}`,
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
  });
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
