// The agent channel's messages: what the authdesk command asks the running, unlocked app, and what
// the app answers. Versioned, length-prefixed JSON (framing.ts); requests are validated on the app's
// side with zod (requests.ts). The app never answers with a secret: codes and account metadata only,
// exactly what `authdesk code` and `list --json` print. This file holds types and constants only, so
// the command's fast path (client.ts) loads nothing heavy.
import type { AccountInput, AccountMeta } from '../../shared/account';
import type { ErrorCode } from '../../shared/errors';

/** Bumped on any incompatible change; a frame of another version is answered AGENT_PROTOCOL. */
export const AGENT_PROTOCOL_VERSION = 1;

/** The largest request frame the app reads (an added account with a 10,000-character note fits). */
export const MAX_REQUEST_BYTES = 64 * 1024;
/** The largest answer frame the command reads (a `list` of many accounts with long notes). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Who is asking, as the command reports it; shown in the app's question. */
export interface ClientInfo {
  pid: number;
  /** The parent process (usually the shell, or `aws` for credential_process). */
  ppid: number;
  /** The parent program's name ("bash", "zsh", "aws"), when the platform tells. */
  parent: string | null;
  /** The controlling terminal ("/dev/pts/3"), or null when there is none. */
  tty: string | null;
  /** The command being run, e.g. "code", "list", "aws session". */
  command: string;
  /** The vault the command means (resolved path): the app answers only for its own vault. */
  vault: string;
}

/** How long an approval lasts, as the user chose in the app's question. */
export type Approval = 'once' | 'ten-minutes' | 'until-locked' | 'deny';

/** AWS temporary credentials (GetSessionToken), as the credential_process JSON carries them. */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601. */
  expiration: string;
}

/** One code of a `list` answer: null for HOTP (a code is taken only on purpose, by `code`). */
export interface ListedCode {
  current: string;
  secondsLeft: number;
}

export type AgentRequest =
  /** First on every connection; needs no approval and reveals only whether the vault is open. */
  | { op: 'hello'; client: ClientInfo }
  /** Account metadata (no secret) and the current codes of time-based accounts. */
  | { op: 'list' }
  /** The one account `query` names (cli/query.ts rules), and its current or next code. */
  | { op: 'code'; query: string; which: 'current' | 'next' }
  /**
   * Two consecutive codes for AWS registration or resync, taken at a safe moment of the step (the
   * app waits, as the window's registration helper does, when the step is about to end).
   */
  | { op: 'pair'; query: string }
  /** Adds an account (an AWS virtual MFA device's seed); the app asks the user every time. */
  | { op: 'add'; account: AccountInput; purpose: 'aws-register' }
  /** Stores the MFA device ARN on an account. */
  | { op: 'set-serial'; accountId: string; awsSerial: string }
  /** Removes an account that this same connection added (undoing a failed registration). */
  | { op: 'remove-added'; accountId: string }
  /** A cached AWS session, held in the app's memory until it expires or the vault locks. */
  | { op: 'session-get'; key: string }
  | { op: 'session-put'; key: string; session: SessionCredentials };

export type AgentOp = AgentRequest['op'];

/** What each request is answered with. */
export interface AgentResults {
  hello: { app: string; unlocked: boolean; sameVault: boolean };
  list: { accounts: AccountMeta[]; codes: Record<string, ListedCode | null> };
  code: { account: AccountMeta; code: string; expiresAt: number | null };
  pair: { account: AccountMeta; current: string; next: string; periodEndsAt: number };
  add: { account: AccountMeta };
  'set-serial': { account: AccountMeta };
  'remove-added': { removed: true };
  'session-get': { session: SessionCredentials | null };
  'session-put': { stored: true };
}

export interface AgentErrorInfo {
  code: ErrorCode;
  message: string;
  /** The CLI exit code when the code alone does not decide it (no match 4 vs ambiguous 5). */
  exitCode?: number;
}

/**
 * On the wire: every request carries the version and an id that its answer repeats. A request's own
 * fields must never be named `v` or `id` (the account is `accountId`), or the frame's would replace them.
 */
export type RequestFrame = AgentRequest & { v: number; id: number };
export type ResponseFrame =
  | { v: number; id: number; ok: true; result: AgentResults[AgentOp] }
  | { v: number; id: number; ok: false; error: AgentErrorInfo };
