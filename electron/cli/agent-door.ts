// The command's way to the running app (electron/agent/): before asking the vault password, `code`,
// `list` and the AWS commands ask the app, when it runs with the same vault unlocked. Loads only
// Node's built-ins and the agent client (no zod, no vault, no OTP engine): it is the fast path.
import { readFileSync, readlinkSync } from 'node:fs';
import { isatty } from 'node:tty';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import { connectAgent, type AgentClient } from '../agent/client';
import type { AgentResults, ClientInfo } from '../agent/protocol';
import { agentSocketPathFor } from '../agent/socket-path';
import { userDataFolder } from '../use-cases/vault-path';
import type { CliContext } from './context';

/** Connecting to a local socket is immediate; an app too busy to accept must not hold the command. */
const CONNECT_TIMEOUT_MS = 1000;
/** `hello` needs no question in the app: an app that does not answer it at once is not asked. */
const HELLO_TIMEOUT_MS = 2000;

export const LOCKED_NOTICE = 'Authdesk is running but locked; unlock it to skip the password.';

/**
 * A client of the running app when it has the command's vault open and unlocked, after `hello`;
 * null (→ the password, as without the app) with --no-agent, when no app answers, when the app has
 * another vault, or when it is locked (then one line on stderr says so). The caller sends its
 * request and closes the client; the app asks the user first (AGENT_DENIED → exit 12,
 * AGENT_TIMEOUT → 13, through main.ts's exit codes).
 */
export async function askAgent(ctx: CliContext, command: string): Promise<AgentClient | null> {
  if (ctx.noAgent) return null;
  const client = await connectAgent(agentSocketPathFor(userDataFolder()), {
    timeoutMs: CONNECT_TIMEOUT_MS,
  });
  if (!client) return null;
  let hello: AgentResults['hello'] | null = null;
  try {
    hello = await within(
      client.request({ op: 'hello', client: clientInfo(ctx.vaultPath, command) }),
      HELLO_TIMEOUT_MS,
    );
  } catch (error) {
    if (!isAuthdeskError(error)) throw error;
    // Another version of the app, or one that is closing: the password path, saying why.
    ctx.err(`authdesk: the running app was not asked (${error.message}).`);
  }
  if (hello?.unlocked && hello.sameVault) return client;
  client.close();
  if (hello && !hello.unlocked && hello.sameVault) ctx.err(LOCKED_NOTICE);
  return null;
}

/**
 * For a command that must not wait on a prompt nobody sees (`aws credential-process`, run by `aws`
 * or an SDK): the app's client as askAgent gives it; null when the password can be asked instead
 * (--password-stdin, or a terminal); otherwise AGENT_UNAVAILABLE (exit 14), saying to start or
 * unlock the app. `canAskPassword` is the caller's own test when it prompts elsewhere than on
 * standard input (e.g. on the controlling terminal).
 */
export async function askAgentOrFail(
  ctx: CliContext,
  command: string,
  canAskPassword: () => boolean = () => ctx.passwordStdin || ctx.terminal.interactive,
): Promise<AgentClient | null> {
  const client = await askAgent(ctx, command);
  if (client || canAskPassword()) return client;
  throw new AuthdeskError(
    'AGENT_UNAVAILABLE',
    ctx.noAgent
      ? 'There is no terminal to ask the vault password on, and --no-agent says not to ask the Authdesk app.'
      : 'Authdesk is not running with this vault unlocked, and there is no terminal to ask the vault password on: start Authdesk and unlock the vault, then try again.',
  );
}

/** Who is asking, for the app's question: this process, its parent program and its terminal. */
export function clientInfo(vault: string, command: string): ClientInfo {
  return {
    pid: process.pid,
    ppid: process.ppid,
    parent: programName(process.ppid),
    tty: controllingTerminalName(),
    command,
    vault,
  };
}

/** Linux: /proc/<pid>/comm ("bash", "aws"); elsewhere null (no cheap way without a child process). */
function programName(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * The terminal the command runs in ("/dev/pts/3"), or null. Linux only: a standard stream that is a
 * terminal (stdin, else stderr: `$(authdesk code aws)` pipes stdout), else the process's controlling
 * terminal from /proc/self/stat (a command whose streams are all redirected still has one).
 */
export function controllingTerminalName(): string | null {
  if (process.platform !== 'linux') return null;
  for (const fd of [0, 2, 1]) {
    if (!isatty(fd)) continue;
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      // fall through to the next stream
    }
  }
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After "pid (comm) ": state ppid pgrp session tty_nr …; comm may hold spaces and parentheses.
    const ttyNr = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[4]);
    return ttyNr > 0 ? ttyDevice(ttyNr) : null;
  } catch {
    return null;
  }
}

/** A Linux tty_nr (dev_t) as its device's name. */
export function ttyDevice(ttyNr: number): string {
  const major = (ttyNr >> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `/dev/pts/${(major - 136) * 256 + minor}`;
  if (major === 4) return minor < 64 ? `/dev/tty${minor}` : `/dev/ttyS${minor - 64}`;
  return `/dev/char/${major}:${minor}`;
}

/** The promise's value, or AGENT_PROTOCOL when it takes longer than `ms` (the timer never holds the process). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new AuthdeskError('AGENT_PROTOCOL', 'it did not answer')),
      ms,
    );
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
