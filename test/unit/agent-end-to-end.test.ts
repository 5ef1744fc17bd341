// The three parts together over a real socket: the command's client, the app's server and its
// service on a real vault. The question is answered by the test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentError, connectAgent, type AgentClient } from '../../electron/agent/client';
import { AgentServer } from '../../electron/agent/server';
import type { Choice, ChoicePort } from '../../electron/ports';
import { AgentService } from '../../electron/use-cases/agent-service';
import { Vault } from '../../electron/vault/vault';
import { createOtpEngine } from '../../shared/otp';
import { socketDir } from '../harness/agent-sockets';
import { ManualTime } from '../harness/manual-timers';
import { PASSWORD, removeTempDir, tempVaultFile, TINY_KDF } from '../harness/vault-fixtures';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const T0 = 30_000 * 60_000_000 + 7_000;

let sockets: Awaited<ReturnType<typeof socketDir>>;
let vaultDir: string;
let vaultFile: string;
let vault: Vault;
let server: AgentServer;
let agent: AgentClient;
const asked: Choice[] = [];

beforeEach(async () => {
  sockets = await socketDir();
  ({ dir: vaultDir, file: vaultFile } = await tempVaultFile());
  vault = await Vault.create(vaultFile, PASSWORD, { kdf: TINY_KDF });
  await vault.add({
    issuer: 'Amazon Web Services',
    label: 'alice',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: SECRET,
  });
  const time = new ManualTime(T0);
  // Answers "Once" to every read question, "Allow" to an add.
  const choices: ChoicePort = {
    choose: async (choice) => {
      asked.push(choice);
      return Math.max(choice.buttons.indexOf('Once'), choice.buttons.indexOf('Allow'));
    },
  };
  const service = new AgentService({
    vault,
    engine: createOtpEngine(),
    clock: time,
    timers: time,
    choices,
    language: () => 'en',
    version: '1.0.0',
    vaultPath: vaultFile,
  });
  server = new AgentServer({
    path: sockets.socket,
    handle: (conn, request) => service.handle(conn, request),
    onClose: (conn) => service.closed(conn),
    timers: time,
  });
  await server.listen();
  agent = (await connectAgent(sockets.socket, { timeoutMs: 5000 }))!;
  asked.length = 0;
});

afterEach(async () => {
  agent.close();
  await server.close();
  vault.lock();
  await sockets.done();
  await removeTempDir(vaultDir);
});

describe('the command asks the running app', () => {
  it('hello, then a code after one question; no secret crosses the socket', async () => {
    const client = {
      pid: 1,
      ppid: 2,
      parent: 'bash',
      tty: '/dev/pts/0',
      command: 'code',
      vault: vaultFile,
    };
    expect(await agent.request({ op: 'hello', client })).toEqual({
      app: 'Authdesk 1.0.0',
      unlocked: true,
      sameVault: true,
    });
    const answer = await agent.request({ op: 'code', query: 'aws', which: 'current' });
    expect(answer.code).toBe(createOtpEngine().codesAt(vault.list()[0]!, T0).current);
    expect(asked).toHaveLength(1);
    const listed = await agent.request({ op: 'list' });
    expect(JSON.stringify([answer, listed])).not.toContain(SECRET);
    const error = await agent
      .request({ op: 'code', query: 'nothing', which: 'current' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', exitCode: 4 });
    expect((error as Error).message).toBe(
      'No account matches "nothing". Accounts: Amazon Web Services (alice).',
    );
  });

  it("AWS registration's requests cross the socket intact: add, pair, set-serial, remove-added", async () => {
    const client = {
      pid: 1,
      ppid: 2,
      parent: 'bash',
      tty: null,
      command: 'aws register',
      vault: vaultFile,
    };
    await agent.request({ op: 'hello', client });
    const { account } = await agent.request({
      op: 'add',
      purpose: 'aws-register',
      account: {
        issuer: 'Amazon Web Services',
        label: 'bob',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
      },
    });
    const pair = await agent.request({ op: 'pair', query: account.id });
    expect(pair.account.id).toBe(account.id);
    const arn = 'arn:aws:iam::123456789012:mfa/bob';
    const stored = await agent.request({ op: 'set-serial', accountId: account.id, awsSerial: arn });
    expect(stored.account.awsSerial).toBe(arn);
    expect(vault.get(account.id).awsSerial).toBe(arn);
    expect(await agent.request({ op: 'remove-added', accountId: account.id })).toEqual({
      removed: true,
    });
    expect(vault.list().map((a) => a.id)).not.toContain(account.id);
    // One question: the add's, which also lets this command finish the registration.
    expect(asked).toHaveLength(1);
  });
});
