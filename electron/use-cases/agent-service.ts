// What the running app answers the authdesk command over the agent channel (agent/server.ts is the
// transport): account metadata and codes, a pair of codes for AWS, the AWS registration's account,
// and cached AWS sessions — never a secret key. Nothing but `hello` is answered without the user's
// approval, asked in the app (agent-question.ts): Once (this connection), For 10 minutes or Until
// locked (every connection of the same client key); adding an account is asked every time. Every
// approval, pending question and cached session ends when the vault locks.
import path from 'node:path';
import { displayName, toMeta } from '../../shared/account';
import { pairTiming } from '../../shared/code-pair';
import { AuthdeskError } from '../../shared/errors';
import type { OtpEngine } from '../../shared/otp';
import type {
  AgentOp,
  AgentRequest,
  AgentResults,
  ClientInfo,
  ListedCode,
  SessionCredentials,
} from '../agent/protocol';
import type { AgentConnection } from '../agent/server';
import type { ChoicePort, Choice, Clock, Timers } from '../ports';
import type { Vault } from '../vault/vault';
import {
  ADD_ANSWERS,
  agentAddQuestion,
  agentReadQuestion,
  READ_ANSWERS,
  type AgentAsk,
} from './agent-question';
import { codeAt, takeCode } from './codes';
import { findAccount } from './find-account';

/** How long a question waits for an answer before the request fails with AGENT_TIMEOUT. */
export const APPROVAL_TIMEOUT_MS = 60_000;
/** How long "For 10 minutes" lasts. */
export const TEN_MINUTES_MS = 10 * 60_000;
/** Cached AWS sessions held at once. */
export const MAX_CACHED_SESSIONS = 32;
/** A cached session is dropped this long before it expires, so no command gets one about to end. */
export const SESSION_MARGIN_MS = 5 * 60_000;
/** How many step boundaries `pair` waits through at most (one is enough; a clock jump may need another). */
const PAIR_ATTEMPTS = 3;

export interface AgentServiceDeps {
  vault: Vault;
  engine: OtpEngine;
  /** The code clock: this computer's, plus the correction the user accepted. */
  clock: Clock;
  timers: Timers;
  choices: ChoicePort;
  language: () => 'en' | 'ja';
  version: string;
  /** The vault the app has open; a command for another vault is refused. */
  vaultPath: string;
  /** A question the dialog could not show (logged in main). */
  log?: (error: unknown) => void;
}

/** What the service keeps per connection. */
interface ConnectionState {
  client: ClientInfo | null;
  /** The lock generation in which this connection was allowed Once (or had its add allowed). */
  onceIn: number | null;
  /** Accounts this connection added: the only ones `remove-added` removes. */
  added: Set<string>;
}

type Outcome =
  | (typeof READ_ANSWERS)[number]
  | (typeof ADD_ANSWERS)[number]
  | 'timeout'
  /** Closed by a lock or by its connection ending. */
  | 'aborted'
  | 'failed';

interface Question {
  /** The client key it was asked for; null for an add question, whose answer nobody reuses. */
  key: string | null;
  conn: AgentConnection;
  controller: AbortController;
  answer: Promise<Outcome>;
}

/**
 * Who a grant is for: the terminal when there is one (every command typed in it), else the parent
 * program and its pid (one `aws` process's credential_process calls, one script's run). Claimed by
 * the command itself: see SECURITY.md on what that does and does not defend against.
 */
export function clientKey(client: ClientInfo): string {
  return client.tty ? `tty:${client.tty}` : `parent:${client.parent ?? ''}:${client.ppid}`;
}

function denied(): AuthdeskError {
  return new AuthdeskError('AGENT_DENIED', 'The request was denied in Authdesk.');
}

function timedOut(): AuthdeskError {
  return new AuthdeskError(
    'AGENT_TIMEOUT',
    `Nobody answered Authdesk's question within ${APPROVAL_TIMEOUT_MS / 1000} seconds.`,
  );
}

function lockedError(): AuthdeskError {
  return new AuthdeskError(
    'VAULT_LOCKED',
    'The vault is locked in Authdesk. Unlock it, or run the command with --no-agent to type the password.',
  );
}

export class AgentService {
  readonly #deps: AgentServiceDeps;
  readonly #connections = new WeakMap<AgentConnection, ConnectionState>();
  /** Client key → the timer of a 10-minute grant, or null for one until locked. */
  readonly #grants = new Map<string, unknown>();
  readonly #sessions = new Map<string, { session: SessionCredentials; dropAt: number }>();
  /** The question on screen, if any: one at a time. */
  #question: Question | null = null;
  /** Counts locks: a Once grant holds only within the generation it was given in. */
  #generation = 0;

  constructor(deps: AgentServiceDeps) {
    this.#deps = deps;
  }

  async handle(conn: AgentConnection, request: AgentRequest): Promise<AgentResults[AgentOp]> {
    const state = this.#state(conn);
    if (request.op === 'hello') {
      state.client = request.client;
      return {
        app: `Authdesk ${this.#deps.version}`,
        unlocked: this.#deps.vault.isUnlocked,
        sameVault: this.#isSameVault(request.client.vault),
      };
    }
    const client = state.client;
    if (!client) {
      throw new AuthdeskError('AGENT_PROTOCOL', 'The command must say hello first.');
    }
    if (!this.#isSameVault(client.vault)) {
      throw new AuthdeskError(
        'AGENT_UNAVAILABLE',
        `Authdesk has another vault open (${this.#deps.vaultPath}).`,
      );
    }
    this.#requireUnlocked();
    switch (request.op) {
      case 'add':
        return this.#add(conn, state, client, request);
      case 'remove-added':
        return this.#removeAdded(state, request.accountId);
      case 'list':
        await this.#approve(conn, state, client, { kind: 'list' });
        return this.#list();
      case 'code':
        await this.#approve(conn, state, client, {
          kind: 'code',
          query: request.query,
          which: request.which,
        });
        return this.#code(request.query, request.which);
      case 'pair':
        await this.#approve(conn, state, client, { kind: 'pair', query: request.query });
        return this.#pair(request.query);
      case 'set-serial': {
        await this.#approve(conn, state, client, { kind: 'set-serial', id: request.accountId });
        const account = await this.#deps.vault.update(request.accountId, {
          awsSerial: request.awsSerial,
        });
        return { account: toMeta(account) };
      }
      case 'session-get':
        await this.#approve(conn, state, client, { kind: 'session' });
        return { session: this.#sessionGet(request.key) };
      case 'session-put':
        await this.#approve(conn, state, client, { kind: 'session' });
        this.#sessionPut(request.key, request.session);
        return { stored: true };
    }
  }

  /** The connection ended: a question it is waiting on is closed, and what it kept is dropped. */
  closed(conn: AgentConnection): void {
    if (this.#question?.conn === conn) this.#question.controller.abort();
    this.#connections.delete(conn);
  }

  /** The vault locked (or the channel was turned off): every approval, question and session ends. */
  locked(): void {
    this.#generation++;
    for (const timer of this.#grants.values()) {
      if (timer !== null) this.#deps.timers.clearTimeout(timer);
    }
    this.#grants.clear();
    this.#question?.controller.abort();
    this.#sessions.clear();
  }

  #state(conn: AgentConnection): ConnectionState {
    let state = this.#connections.get(conn);
    if (!state) {
      state = { client: null, onceIn: null, added: new Set() };
      this.#connections.set(conn, state);
    }
    return state;
  }

  #isSameVault(vault: string): boolean {
    const normal = (file: string) => {
      const resolved = path.resolve(file);
      return process.platform === 'win32' ? resolved.toLowerCase() : resolved;
    };
    return normal(vault) === normal(this.#deps.vaultPath);
  }

  #requireUnlocked(): void {
    if (!this.#deps.vault.isUnlocked) throw lockedError();
  }

  #granted(state: ConnectionState, key: string): boolean {
    return state.onceIn === this.#generation || this.#grants.has(key);
  }

  /** Returns when this connection may read; asks the user when no grant covers it. */
  async #approve(
    conn: AgentConnection,
    state: ConnectionState,
    client: ClientInfo,
    ask: AgentAsk,
  ): Promise<void> {
    const key = clientKey(client);
    for (;;) {
      if (this.#granted(state, key)) return;
      const current = this.#question;
      if (current) {
        // Another question is on screen: wait for it, and take its answer when it was for us.
        const outcome = await current.answer;
        if (this.#question === current) this.#question = null;
        this.#requireUnlocked();
        if (current.key === key && outcome === 'deny') throw denied();
        if (current.key === key && outcome === 'timeout') throw timedOut();
        continue;
      }
      const outcome = await this.#ask(
        conn,
        key,
        agentReadQuestion(client, ask, this.#language()),
        READ_ANSWERS,
      );
      this.#requireUnlocked();
      switch (outcome) {
        case 'once':
          state.onceIn = this.#generation;
          return;
        case 'ten-minutes':
        case 'until-locked':
          this.#grant(key, outcome);
          return;
        case 'timeout':
          throw timedOut();
        case 'aborted':
          throw new AuthdeskError('AGENT_PROTOCOL', 'The connection ended before the answer.');
        default:
          throw denied();
      }
    }
  }

  #grant(key: string, until: 'ten-minutes' | 'until-locked'): void {
    const old = this.#grants.get(key);
    if (old !== undefined && old !== null) this.#deps.timers.clearTimeout(old);
    if (until === 'until-locked') {
      this.#grants.set(key, null);
      return;
    }
    const timer = this.#deps.timers.setTimeout(() => {
      if (this.#grants.get(key) === timer) this.#grants.delete(key);
    }, TEN_MINUTES_MS);
    this.#grants.set(key, timer);
  }

  /** Shows one question (after any on screen) and maps its button to an outcome. */
  #ask(
    conn: AgentConnection,
    key: string | null,
    choice: Choice,
    answers: readonly Outcome[],
  ): Promise<Outcome> {
    const controller = new AbortController();
    let expired = false;
    const timer = this.#deps.timers.setTimeout(() => {
      expired = true;
      controller.abort();
    }, APPROVAL_TIMEOUT_MS);
    // Settled by the abort itself, too: a dialog that does not close when told (or answers late)
    // must not hold every later question.
    const aborted = new Promise<Outcome>((resolve) =>
      controller.signal.addEventListener('abort', () => resolve(expired ? 'timeout' : 'aborted')),
    );
    const chosen = (async (): Promise<Outcome> => {
      try {
        const index = await this.#deps.choices.choose(choice, controller.signal);
        return answers[index] ?? 'deny';
      } catch (error) {
        this.#deps.log?.(error);
        return 'failed';
      }
    })();
    const answer = Promise.race([aborted, chosen]).then((outcome) => {
      this.#deps.timers.clearTimeout(timer);
      if (controller.signal.aborted) return expired ? 'timeout' : 'aborted';
      return outcome;
    });
    const question: Question = { key, conn, controller, answer };
    this.#question = question;
    void answer.then(() => {
      if (this.#question === question) this.#question = null;
    });
    return answer;
  }

  /** Waits until no question is on screen. */
  async #turn(): Promise<void> {
    for (let current = this.#question; current; current = this.#question) {
      await current.answer;
      if (this.#question === current) this.#question = null;
    }
  }

  #language(): 'en' | 'ja' {
    return this.#deps.language() === 'ja' ? 'ja' : 'en';
  }

  #list(): AgentResults['list'] {
    const accounts = this.#deps.vault.list();
    const now = this.#deps.clock.now();
    const codes: Record<string, ListedCode | null> = {};
    for (const account of accounts) {
      if (account.type === 'hotp') {
        codes[account.id] = null;
        continue;
      }
      const { current, secondsLeft } = this.#deps.engine.codesAt(account, now);
      codes[account.id] = { current, secondsLeft: secondsLeft ?? 0 };
    }
    return { accounts: accounts.map(toMeta), codes };
  }

  async #code(query: string, which: 'current' | 'next'): Promise<AgentResults['code']> {
    const { vault, engine } = this.#deps;
    const account = findAccount(vault.list(), query);
    const now = this.#deps.clock.now();
    const { expiresAt } = codeAt(engine, account, now, which);
    // As `authdesk code` does: an HOTP code shown is used, so the counter moves on (saved).
    const code = await takeCode(vault, engine, account, now, which);
    const after = account.type === 'hotp' ? vault.get(account.id) : account;
    return { account: toMeta(after), code, expiresAt };
  }

  async #pair(query: string): Promise<AgentResults['pair']> {
    const { vault, engine, clock } = this.#deps;
    const found = findAccount(vault.list(), query);
    if (found.type !== 'totp') {
      throw new AuthdeskError(
        'INVALID_ARGUMENT',
        `"${displayName(found)}" is not a time-based (TOTP) account; AWS needs two consecutive TOTP codes.`,
      );
    }
    for (let attempt = 0; attempt < PAIR_ATTEMPTS; attempt++) {
      const now = clock.now();
      const timing = pairTiming(now, found.period);
      if (timing.safe) {
        const account = vault.get(found.id);
        const codes = engine.codesAt(account, now);
        return {
          account: toMeta(account),
          current: codes.current,
          next: codes.next,
          periodEndsAt: codes.stepEndsAt!,
        };
      }
      // The step is about to end: codes typed now would reach AWS late. Wait for the next.
      await new Promise<void>((resolve) => this.#deps.timers.setTimeout(resolve, timing.waitMs));
      this.#requireUnlocked();
    }
    throw new AuthdeskError(
      'INTERNAL_ERROR',
      'The clock kept moving past the end of the step; try again.',
    );
  }

  async #add(
    conn: AgentConnection,
    state: ConnectionState,
    client: ClientInfo,
    request: Extract<AgentRequest, { op: 'add' }>,
  ): Promise<AgentResults['add']> {
    const name = displayName(request.account);
    await this.#turn();
    this.#requireUnlocked();
    const outcome = await this.#ask(
      conn,
      null,
      agentAddQuestion(client, name, this.#language()),
      ADD_ANSWERS,
    );
    this.#requireUnlocked();
    if (outcome === 'timeout') throw timedOut();
    if (outcome === 'aborted') {
      throw new AuthdeskError('AGENT_PROTOCOL', 'The connection ended before the answer.');
    }
    if (outcome !== 'allow') throw denied();
    // Allowed: this connection may also read codes to finish the registration (the question says so).
    state.onceIn = this.#generation;
    const account = await this.#deps.vault.add(request.account);
    state.added.add(account.id);
    return { account: toMeta(account) };
  }

  async #removeAdded(state: ConnectionState, id: string): Promise<AgentResults['remove-added']> {
    if (!state.added.has(id)) {
      throw new AuthdeskError(
        'INVALID_ARGUMENT',
        'Only an account that this same command added can be removed through Authdesk.',
      );
    }
    await this.#deps.vault.remove(id);
    state.added.delete(id);
    return { removed: true };
  }

  #sessionGet(key: string): SessionCredentials | null {
    const entry = this.#sessions.get(key);
    if (!entry) return null;
    if (this.#deps.clock.now() >= entry.dropAt) {
      this.#sessions.delete(key);
      return null;
    }
    return structuredClone(entry.session);
  }

  #sessionPut(key: string, session: SessionCredentials): void {
    const now = this.#deps.clock.now();
    const dropAt = Date.parse(session.expiration) - SESSION_MARGIN_MS;
    this.#sessions.delete(key);
    if (dropAt <= now) return;
    for (const [other, entry] of this.#sessions) {
      if (now >= entry.dropAt) this.#sessions.delete(other);
    }
    // Full: the oldest entry goes.
    while (this.#sessions.size >= MAX_CACHED_SESSIONS) {
      this.#sessions.delete(this.#sessions.keys().next().value!);
    }
    this.#sessions.set(key, { session: structuredClone(session), dropAt });
  }
}
