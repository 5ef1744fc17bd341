// AgentService over a real vault: approvals (once, ten minutes, until locked, deny, timeout, one
// question shared), what each op answers, the AWS registration's add and undo, the session cache —
// and that no answer ever carries a secret. Injected clock and timers; the question is answered by
// the test.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentRequest, ClientInfo } from '../../electron/agent/protocol';
import type { AgentConnection } from '../../electron/agent/server';
import type { Choice, ChoicePort } from '../../electron/ports';
import { agentAddQuestion, agentReadQuestion } from '../../electron/use-cases/agent-question';
import {
  AgentService,
  APPROVAL_TIMEOUT_MS,
  clientKey,
  MAX_CACHED_SESSIONS,
  TEN_MINUTES_MS,
} from '../../electron/use-cases/agent-service';
import { Vault } from '../../electron/vault/vault';
import type { AccountInput } from '../../shared/account';
import { createOtpEngine } from '../../shared/otp';
import { ManualTime } from '../harness/manual-timers';
import { PASSWORD, removeTempDir, tempVaultFile, TINY_KDF } from '../harness/vault-fixtures';

const STEP = 30_000;
/** A step boundary. */
const T0 = STEP * 60_000_000;
const SECRETS = {
  aws: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  hotp: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  steam: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  added: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
};
const engine = createOtpEngine();

const input = (over: Partial<AccountInput>): AccountInput => ({
  issuer: 'Amazon Web Services',
  label: 'alice',
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: SECRETS.aws,
  ...over,
});

/** A ChoicePort that the test answers; an aborted question answers cancelId, as the dialog does. */
class TestChoices implements ChoicePort {
  readonly asked: { choice: Choice; signal: AbortSignal; answer: (index: number) => void }[] = [];

  choose(choice: Choice, signal: AbortSignal): Promise<number> {
    return new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve(choice.cancelId));
      this.asked.push({ choice, signal, answer: resolve });
    });
  }

  /** Answers the latest question with the button whose label is `label`. */
  answer(label: string): void {
    const last = this.asked.at(-1)!;
    const index = last.choice.buttons.indexOf(label);
    expect(index, `no button "${label}"`).toBeGreaterThanOrEqual(0);
    last.answer(index);
  }
}

let dir: string;
let file: string;
let vault: Vault;
let time: ManualTime;
let choices: TestChoices;
let service: AgentService;
let language: 'en' | 'ja';
let nextConn: number;
/** Every answer the service gave, to scan for secrets. */
let answers: unknown[];

beforeEach(async () => {
  ({ dir, file } = await tempVaultFile());
  vault = await Vault.create(file, PASSWORD, { kdf: TINY_KDF });
  await vault.add(input({}));
  await vault.add(
    input({ issuer: 'Example', label: 'hotp', type: 'hotp', counter: 5, secret: SECRETS.hotp }),
  );
  await vault.add(
    input({ issuer: 'Steam', label: 'gamer', type: 'steam', digits: 5, secret: SECRETS.steam }),
  );
  time = new ManualTime(T0);
  choices = new TestChoices();
  language = 'en';
  nextConn = 1;
  answers = [];
  service = new AgentService({
    vault,
    engine,
    clock: time,
    timers: time,
    choices,
    language: () => language,
    version: '9.9.9',
    vaultPath: file,
  });
});

afterEach(async () => {
  vault.lock();
  await removeTempDir(dir);
  // No answer, of any test, carried a secret key.
  const text = JSON.stringify(answers);
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
});

function client(over: Partial<ClientInfo> = {}): ClientInfo {
  return {
    pid: 4242,
    ppid: 100,
    parent: 'bash',
    tty: '/dev/pts/3',
    command: 'code',
    vault: file,
    ...over,
  };
}

/** A connection that has said hello. */
async function connection(info: Partial<ClientInfo> = {}): Promise<AgentConnection> {
  const conn = { id: nextConn++, closed: false };
  answers.push(await service.handle(conn, { op: 'hello', client: client(info) }));
  return conn;
}

async function ask<R extends AgentRequest>(conn: AgentConnection, request: R) {
  const answer = await service.handle(conn, request);
  answers.push(answer);
  return answer as never;
}

/** Lets pending promise callbacks run (the service awaits between steps). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

const list = { op: 'list' } as const;

describe('hello', () => {
  it('needs no approval and says whether the vault is open and the same', async () => {
    const conn = { id: 1, closed: false };
    expect(await service.handle(conn, { op: 'hello', client: client() })).toEqual({
      app: 'Authdesk 9.9.9',
      unlocked: true,
      sameVault: true,
    });
    expect(
      await service.handle(conn, {
        op: 'hello',
        client: client({ vault: path.join(dir, '.', 'x', '..', 'vault.json') }),
      }),
    ).toMatchObject({ sameVault: true });
    expect(
      await service.handle(conn, {
        op: 'hello',
        client: client({ vault: path.join(dir, 'other.json') }),
      }),
    ).toMatchObject({ sameVault: false });
    vault.lock();
    expect(await service.handle(conn, { op: 'hello', client: client() })).toMatchObject({
      unlocked: false,
    });
    expect(choices.asked).toHaveLength(0);
  });

  it('must come first; another vault and a locked one are refused without a question', async () => {
    await expect(service.handle({ id: 9, closed: false }, list)).rejects.toMatchObject({
      code: 'AGENT_PROTOCOL',
    });
    const other = await connection({ vault: path.join(dir, 'other.json') });
    await expect(service.handle(other, list)).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE' });
    const conn = await connection();
    vault.lock();
    await expect(service.handle(conn, list)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(choices.asked).toHaveLength(0);
  });
});

describe('approval', () => {
  it('asks who and what, in English or Japanese; Enter and Escape deny', async () => {
    const conn = await connection();
    const pending = ask(conn, { op: 'code', query: 'aws', which: 'next' });
    await settle();
    const { choice } = choices.asked[0]!;
    expect(choice.message).toBe(
      'Allow `authdesk code` (pid 4242, from bash, terminal /dev/pts/3) to read codes?',
    );
    expect(choice.detail).toContain('the next code of "aws"');
    expect(choice.buttons).toEqual(['Once', 'For 10 minutes', 'Until locked', 'Deny']);
    expect([choice.defaultId, choice.cancelId]).toEqual([3, 3]);
    choices.answer('Once');
    await pending;

    language = 'ja';
    const other = await connection({ tty: null, parent: 'aws', ppid: 77 });
    const waiting = ask(other, list);
    await settle();
    const ja = choices.asked[1]!.choice;
    expect(ja.message).toBe(
      '`authdesk code`（PID 4242、aws から、端末なし）にコードの読み取りを許可しますか？',
    );
    expect(ja.buttons).toEqual(['1 回だけ', '10 分間', 'ロックするまで', '拒否']);
    expect([ja.defaultId, ja.cancelId]).toEqual([3, 3]);
    choices.answer('拒否');
    await expect(waiting).rejects.toMatchObject({ code: 'AGENT_DENIED' });
  });

  it('Once allows this connection only', async () => {
    const conn = await connection();
    const first = ask(conn, list);
    await settle();
    expect(choices.asked).toHaveLength(1);
    choices.answer('Once');
    await first;
    await ask(conn, { op: 'code', query: 'aws', which: 'current' });
    expect(choices.asked).toHaveLength(1);
    // The same terminal on a new connection (the next command) is asked again.
    const next = await connection();
    const again = ask(next, list);
    await settle();
    expect(choices.asked).toHaveLength(2);
    choices.answer('Once');
    await again;
  });

  it('For 10 minutes allows the same client key on every connection, for 10 minutes', async () => {
    const conn = await connection();
    const first = ask(conn, list);
    await settle();
    choices.answer('For 10 minutes');
    await first;
    await ask(await connection({ pid: 5000, command: 'list' }), list);
    expect(choices.asked).toHaveLength(1);
    // Another terminal is another client.
    const elsewhere = ask(await connection({ tty: '/dev/pts/9' }), list);
    await settle();
    expect(choices.asked).toHaveLength(2);
    choices.answer('Deny');
    await expect(elsewhere).rejects.toMatchObject({ code: 'AGENT_DENIED' });

    time.advance(TEN_MINUTES_MS - 1);
    await ask(await connection(), list);
    expect(choices.asked).toHaveLength(2);
    time.advance(1);
    const later = ask(await connection(), list);
    await settle();
    expect(choices.asked).toHaveLength(3);
    choices.answer('Deny');
    await expect(later).rejects.toMatchObject({ code: 'AGENT_DENIED' });
  });

  it('Until locked allows the same client key until the vault locks; every grant ends then', async () => {
    const conn = await connection({ tty: null, parent: 'zsh', ppid: 321 });
    const first = ask(conn, list);
    await settle();
    choices.answer('Until locked');
    await first;
    const onceConn = await connection({ tty: '/dev/pts/7' });
    const once = ask(onceConn, list);
    await settle();
    choices.answer('Once');
    await once;
    time.advance(TEN_MINUTES_MS * 6);
    await ask(await connection({ tty: null, parent: 'zsh', ppid: 321, pid: 9 }), list);
    await ask(onceConn, list);
    expect(choices.asked).toHaveLength(2);

    // The vault locks and is unlocked again: nothing given before holds.
    vault.lock();
    service.locked();
    await vault.unlock(PASSWORD);
    const after = ask(await connection({ tty: null, parent: 'zsh', ppid: 321 }), list);
    await settle();
    expect(choices.asked).toHaveLength(3);
    choices.answer('Deny');
    await expect(after).rejects.toMatchObject({ code: 'AGENT_DENIED' });
    const onceAfter = ask(onceConn, list);
    await settle();
    expect(choices.asked).toHaveLength(4);
    choices.answer('Deny');
    await expect(onceAfter).rejects.toMatchObject({ code: 'AGENT_DENIED' });
  });

  it('Deny refuses with AGENT_DENIED, and the next request asks again', async () => {
    const conn = await connection();
    const denied = ask(conn, list);
    await settle();
    choices.answer('Deny');
    await expect(denied).rejects.toMatchObject({ code: 'AGENT_DENIED' });
    const again = ask(conn, list);
    await settle();
    expect(choices.asked).toHaveLength(2);
    choices.answer('Once');
    await again;
  });

  it('no answer in 60 s: AGENT_TIMEOUT, and the dialog is closed through its signal', async () => {
    const conn = await connection();
    const waiting = ask(conn, list);
    let outcome: unknown = 'pending';
    waiting.catch((error: unknown) => (outcome = error));
    await settle();
    time.advance(APPROVAL_TIMEOUT_MS - 1);
    await settle();
    expect(outcome).toBe('pending');
    expect(choices.asked[0]!.signal.aborted).toBe(false);
    time.advance(1);
    await expect(waiting).rejects.toMatchObject({ code: 'AGENT_TIMEOUT' });
    expect(choices.asked[0]!.signal.aborted).toBe(true);
  });

  it('a dialog that never closes when told still times out, and the next question is asked', async () => {
    const stuck: Choice[] = [];
    const stubborn = new AgentService({
      vault,
      engine,
      clock: time,
      timers: time,
      // Ignores its signal and never answers.
      choices: { choose: (choice) => (stuck.push(choice), new Promise<number>(() => {})) },
      language: () => 'en',
      version: '9.9.9',
      vaultPath: file,
    });
    const conn = { id: 50, closed: false };
    await stubborn.handle(conn, { op: 'hello', client: client() });
    const first = stubborn.handle(conn, list);
    await settle();
    time.advance(APPROVAL_TIMEOUT_MS);
    await expect(first).rejects.toMatchObject({ code: 'AGENT_TIMEOUT' });
    const other = { id: 51, closed: false };
    await stubborn.handle(other, { op: 'hello', client: client({ tty: '/dev/pts/4' }) });
    const second = stubborn.handle(other, list);
    second.catch(() => {});
    await settle();
    expect(stuck).toHaveLength(2);
    vault.lock();
    stubborn.locked();
    await expect(second).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });

  it('asks one question at a time; requests of the same key share its answer', async () => {
    const a = ask(await connection(), list);
    const b = ask(await connection({ pid: 2 }), { op: 'code', query: 'aws', which: 'current' });
    const c = ask(await connection({ tty: '/dev/pts/8' }), list);
    await settle();
    expect(choices.asked).toHaveLength(1);
    choices.answer('For 10 minutes');
    await a;
    await b;
    // The other terminal's question comes after, on its own.
    await settle();
    expect(choices.asked).toHaveLength(2);
    expect(choices.asked[1]!.choice.message).toContain('/dev/pts/8');
    choices.answer('Deny');
    await expect(c).rejects.toMatchObject({ code: 'AGENT_DENIED' });
  });

  it('a Deny or a timeout is shared by the requests of the same key that waited on it', async () => {
    const a = ask(await connection(), list);
    const b = ask(await connection({ pid: 2 }), list);
    await settle();
    choices.answer('Deny');
    await expect(a).rejects.toMatchObject({ code: 'AGENT_DENIED' });
    await expect(b).rejects.toMatchObject({ code: 'AGENT_DENIED' });
    const c = ask(await connection(), list);
    const d = ask(await connection({ pid: 3 }), list);
    await settle();
    expect(choices.asked).toHaveLength(2);
    time.advance(APPROVAL_TIMEOUT_MS);
    await expect(c).rejects.toMatchObject({ code: 'AGENT_TIMEOUT' });
    await expect(d).rejects.toMatchObject({ code: 'AGENT_TIMEOUT' });
    expect(choices.asked).toHaveLength(2);
  });

  it('Once is not shared: another connection of the same key gets its own question', async () => {
    const a = ask(await connection(), list);
    const b = ask(await connection({ pid: 2 }), list);
    await settle();
    choices.answer('Once');
    await a;
    await settle();
    expect(choices.asked).toHaveLength(2);
    choices.answer('Once');
    await b;
  });

  it('a lock while the question is shown closes it: VAULT_LOCKED', async () => {
    const waiting = ask(await connection(), list);
    await settle();
    vault.lock();
    service.locked();
    await expect(waiting).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(choices.asked[0]!.signal.aborted).toBe(true);
  });

  it('a connection that ends while its question is shown closes it; the next one asks', async () => {
    const conn = await connection();
    const first = ask(conn, list);
    first.catch(() => {});
    const second = ask(await connection({ pid: 2 }), list);
    await settle();
    service.closed(conn);
    expect(choices.asked[0]!.signal.aborted).toBe(true);
    await expect(first).rejects.toMatchObject({ code: 'AGENT_PROTOCOL' });
    await settle();
    expect(choices.asked).toHaveLength(2);
    choices.answer('Once');
    await second;
  });

  it('the client key is the terminal, else the parent program and its pid', () => {
    expect(clientKey(client())).toBe('tty:/dev/pts/3');
    expect(clientKey(client({ tty: null }))).toBe('parent:bash:100');
    expect(clientKey(client({ tty: null, parent: null }))).toBe('parent::100');
  });
});

/** A connection allowed until locked. */
async function allowed(info: Partial<ClientInfo> = {}): Promise<AgentConnection> {
  const conn = await connection(info);
  const first = ask(conn, { op: 'session-get', key: 'warm-up' });
  await settle();
  choices.answer('Until locked');
  await first;
  return conn;
}

describe('what the service answers', () => {
  it('list: metadata and the current codes of time-based accounts, null for HOTP', async () => {
    const conn = await allowed();
    time.advance(12_000);
    const answer: { accounts: { id: string; issuer: string }[]; codes: Record<string, unknown> } =
      await ask(conn, list);
    const byIssuer = Object.fromEntries(answer.accounts.map((a) => [a.issuer, a.id]));
    const [aws, hotp, steam] = vault.list();
    expect(answer.codes[byIssuer['Amazon Web Services']!]).toEqual({
      current: engine.codesAt(aws!, T0 + 12_000).current,
      secondsLeft: 18,
    });
    expect(answer.codes[byIssuer.Example!]).toBeNull();
    expect(answer.codes[byIssuer.Steam!]).toEqual({
      current: engine.codesAt(steam!, T0 + 12_000).current,
      secondsLeft: 18,
    });
    expect(answer.accounts.map((a) => Object.keys(a))).not.toContainEqual(
      expect.arrayContaining(['secret']),
    );
    expect(hotp!.counter).toBe(5);
  });

  it('code: the current or next code; HOTP moves the counter on exactly as `authdesk code` does', async () => {
    const conn = await allowed();
    const [aws, hotp] = vault.list();
    const current: { code: string; expiresAt: number } = await ask(conn, {
      op: 'code',
      query: 'amazon',
      which: 'current',
    });
    expect(current).toMatchObject({ code: engine.codesAt(aws!, T0).current, expiresAt: T0 + STEP });
    const next: { code: string; expiresAt: number } = await ask(conn, {
      op: 'code',
      query: 'amazon',
      which: 'next',
    });
    expect(next).toMatchObject({ code: engine.codesAt(aws!, T0).next, expiresAt: T0 + 2 * STEP });

    const peek: { code: string } = await ask(conn, { op: 'code', query: 'example', which: 'next' });
    expect(peek.code).toBe(engine.hotpCode(hotp!, 6));
    expect(vault.get(hotp!.id).counter).toBe(5);
    const used: { code: string; expiresAt: null; account: { counter: number } } = await ask(conn, {
      op: 'code',
      query: 'example',
      which: 'current',
    });
    expect(used).toMatchObject({
      code: engine.hotpCode(hotp!, 5),
      expiresAt: null,
      account: { counter: 6 },
    });
    expect(vault.get(hotp!.id).counter).toBe(6);
    // Saved: another process opening the file sees it.
    const reopened = await Vault.open(file);
    await reopened.unlock(PASSWORD);
    expect(reopened.get(hotp!.id).counter).toBe(6);
    reopened.lock();
  });

  it("code: the query's failures keep the command's exit codes", async () => {
    const conn = await allowed();
    await vault.add(input({ label: 'bob', secret: SECRETS.added }));
    await expect(
      ask(conn, { op: 'code', query: 'nothing', which: 'current' }),
    ).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
      exitCode: 4,
    });
    await expect(
      ask(conn, { op: 'code', query: 'amazon', which: 'current' }),
    ).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
      exitCode: 5,
    });
  });

  it('the query is not looked at before the approval (a refused client learns no account names)', async () => {
    const conn = await connection();
    const waiting = ask(conn, { op: 'code', query: 'nothing', which: 'current' });
    await settle();
    choices.answer('Deny');
    await expect(waiting).rejects.toMatchObject({ code: 'AGENT_DENIED' });
  });

  it('pair: two consecutive codes at once when 5 s or more of the step are left', async () => {
    const conn = await allowed();
    const aws = vault.list()[0]!;
    time.advance(STEP - 5000);
    const pair: { current: string; next: string; periodEndsAt: number } = await ask(conn, {
      op: 'pair',
      query: 'amazon',
    });
    const codes = engine.codesAt(aws, T0 + STEP - 5000);
    expect(pair).toMatchObject({
      current: codes.current,
      next: codes.next,
      periodEndsAt: T0 + STEP,
    });
  });

  it('pair: waits for the next step when less is left', async () => {
    const conn = await allowed();
    const aws = vault.list()[0]!;
    time.advance(STEP - 4999);
    let done = false;
    const waiting = ask(conn, { op: 'pair', query: 'amazon' }).then((pair) => {
      done = true;
      return pair as { current: string; next: string; periodEndsAt: number };
    });
    await settle();
    expect(done).toBe(false);
    time.advance(4998);
    await settle();
    expect(done).toBe(false);
    time.advance(1);
    const pair = await waiting;
    const codes = engine.codesAt(aws, T0 + STEP);
    expect(pair).toEqual(
      expect.objectContaining({
        current: codes.current,
        next: codes.next,
        periodEndsAt: T0 + 2 * STEP,
      }),
    );
  });

  it('pair: refused for an account that is not TOTP', async () => {
    const conn = await allowed();
    await expect(ask(conn, { op: 'pair', query: 'steam' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('set-serial: stores the ARN, after the approval', async () => {
    const conn = await connection();
    const aws = vault.list()[0]!;
    const arn = 'arn:aws:iam::123456789012:mfa/alice';
    const pending = ask(conn, { op: 'set-serial', accountId: aws.id, awsSerial: arn });
    await settle();
    expect(choices.asked).toHaveLength(1);
    choices.answer('Once');
    expect(await pending).toMatchObject({ account: { id: aws.id, awsSerial: arn } });
    expect(vault.get(aws.id).awsSerial).toBe(arn);
  });
});

describe('add and remove-added (AWS registration)', () => {
  const added = input({ label: 'carol', secret: SECRETS.added });

  it('asks every time, naming the account, even with a grant; Deny adds nothing', async () => {
    const conn = await allowed();
    const before = vault.list().length;
    const first = ask(conn, { op: 'add', account: added, purpose: 'aws-register' });
    await settle();
    const question = choices.asked.at(-1)!.choice;
    expect(question.message).toBe(
      'Allow `authdesk code` (pid 4242, from bash, terminal /dev/pts/3) to add "Amazon Web Services (carol)"?',
    );
    expect(question.buttons).toEqual(['Allow', 'Deny']);
    expect([question.defaultId, question.cancelId]).toEqual([1, 1]);
    choices.answer('Deny');
    await expect(first).rejects.toMatchObject({ code: 'AGENT_DENIED' });
    expect(vault.list()).toHaveLength(before);

    const second = ask(conn, { op: 'add', account: added, purpose: 'aws-register' });
    await settle();
    choices.answer('Allow');
    const { account } = (await second) as { account: { id: string; issuer: string } };
    expect(vault.get(account.id).label).toBe('carol');
    expect(choices.asked).toHaveLength(3);
  });

  it('an allowed add lets the same connection read the pair and store the ARN', async () => {
    const conn = await connection();
    const adding = ask(conn, { op: 'add', account: added, purpose: 'aws-register' });
    await settle();
    choices.answer('Allow');
    const { account } = (await adding) as { account: { id: string } };
    await ask(conn, { op: 'pair', query: account.id });
    await ask(conn, {
      op: 'set-serial',
      accountId: account.id,
      awsSerial: 'arn:aws:iam::1:mfa/carol',
    });
    expect(choices.asked).toHaveLength(1);
  });

  it('a timed-out add adds nothing', async () => {
    const conn = await connection();
    const adding = ask(conn, { op: 'add', account: added, purpose: 'aws-register' });
    await settle();
    time.advance(APPROVAL_TIMEOUT_MS);
    await expect(adding).rejects.toMatchObject({ code: 'AGENT_TIMEOUT' });
    expect(vault.list()).toHaveLength(3);
  });

  it("remove-added removes only what this connection added, never another's or an old account", async () => {
    const conn = await connection();
    const other = await allowed({ tty: '/dev/pts/5' });
    const adding = ask(conn, { op: 'add', account: added, purpose: 'aws-register' });
    await settle();
    choices.answer('Allow');
    const { account } = (await adding) as { account: { id: string } };
    const old = vault.list()[0]!;
    await expect(ask(other, { op: 'remove-added', accountId: account.id })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(ask(conn, { op: 'remove-added', accountId: old.id })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(await ask(conn, { op: 'remove-added', accountId: account.id })).toEqual({
      removed: true,
    });
    expect(vault.list().map((a) => a.id)).not.toContain(account.id);
    expect(vault.list().map((a) => a.id)).toContain(old.id);
  });
});

describe('the session cache', () => {
  const session = (expiresAt: number, tag = 'A') => ({
    accessKeyId: `ASIA${tag}EXAMPLE`,
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    sessionToken: `token-${tag}`,
    expiration: new Date(expiresAt).toISOString(),
  });

  it('holds a session until 5 minutes before it expires', async () => {
    const conn = await allowed();
    const put = session(T0 + 3600_000);
    expect(await ask(conn, { op: 'session-put', key: 'default/arn', session: put })).toEqual({
      stored: true,
    });
    expect(await ask(conn, { op: 'session-get', key: 'default/arn' })).toEqual({ session: put });
    expect(await ask(conn, { op: 'session-get', key: 'other' })).toEqual({ session: null });
    time.advance(3600_000 - 5 * 60_000 - 1);
    expect(await ask(conn, { op: 'session-get', key: 'default/arn' })).toEqual({ session: put });
    time.advance(1);
    expect(await ask(conn, { op: 'session-get', key: 'default/arn' })).toEqual({ session: null });
    // One already that close to its end is not kept at all.
    await ask(conn, { op: 'session-put', key: 'short', session: session(time.now() + 5 * 60_000) });
    expect(await ask(conn, { op: 'session-get', key: 'short' })).toEqual({ session: null });
  });

  it(`holds at most ${MAX_CACHED_SESSIONS}, the oldest going first`, async () => {
    const conn = await allowed();
    for (let i = 0; i <= MAX_CACHED_SESSIONS; i++) {
      await ask(conn, {
        op: 'session-put',
        key: `k${i}`,
        session: session(T0 + 3600_000, String(i)),
      });
    }
    expect(await ask(conn, { op: 'session-get', key: 'k0' })).toEqual({ session: null });
    for (let i = 1; i <= MAX_CACHED_SESSIONS; i++) {
      expect(await ask(conn, { op: 'session-get', key: `k${i}` })).toMatchObject({
        session: { sessionToken: `token-${i}` },
      });
    }
  });

  it('forgets every session on lock, and reading one needs the approval', async () => {
    const conn = await allowed();
    await ask(conn, { op: 'session-put', key: 'k', session: session(T0 + 3600_000) });
    service.locked();
    const again = ask(conn, { op: 'session-get', key: 'k' });
    await settle();
    choices.answer('Once');
    expect(await again).toEqual({ session: null });
  });
});

describe('the question texts', () => {
  it('clip what the command claims to one line', () => {
    const long = agentReadQuestion(
      client({ parent: 'evil\nAllowed by your administrator', tty: 'x'.repeat(500) }),
      { kind: 'code', query: 'q'.repeat(400), which: 'current' },
      'en',
    );
    expect(long.message).not.toContain('\n');
    expect(long.message.length).toBeLessThan(200);
    expect(long.detail.length).toBeLessThan(600);
    const add = agentAddQuestion(client(), 'a\u2028b', 'ja');
    expect(add.message).toContain('「a b」');
  });
});
