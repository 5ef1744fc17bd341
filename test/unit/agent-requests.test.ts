import { describe, expect, it } from 'vitest';
import { parseAgentRequest, requestSchemas } from '../../electron/agent/requests';
import { AuthdeskError } from '../../shared/errors';

const client = { pid: 1, ppid: 2, parent: 'bash', tty: null, command: 'code', vault: '/v.json' };
const account = {
  issuer: 'Amazon Web Services',
  label: 'alice',
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: 'JBSWY3DPEHPK3PXP',
};
const session = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: '2026-12-02T04:00:00Z',
};
const valid = {
  hello: { op: 'hello', client },
  list: { op: 'list' },
  code: { op: 'code', query: 'aws', which: 'next' },
  pair: { op: 'pair', query: 'aws' },
  add: { op: 'add', account, purpose: 'aws-register' },
  'set-serial': {
    op: 'set-serial',
    accountId: 'abc',
    awsSerial: 'arn:aws:iam::123456789012:mfa/alice',
  },
  'remove-added': { op: 'remove-added', accountId: 'abc' },
  'session-get': { op: 'session-get', key: 'default' },
  'session-put': { op: 'session-put', key: 'default', session },
} as const;

function code(frame: object): string {
  try {
    parseAgentRequest(frame);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthdeskError);
    return (error as AuthdeskError).code;
  }
  return 'accepted';
}

describe('agent request schemas', () => {
  it('has one schema per op, and accepts a valid request of each', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual(Object.keys(valid).sort());
    for (const request of Object.values(valid)) expect(code(request)).toBe('accepted');
  });

  it("names no request field v or id, which the frame's own version and id would overwrite", () => {
    for (const schema of Object.values(requestSchemas)) {
      expect(Object.keys(schema.shape)).not.toContain('v');
      expect(Object.keys(schema.shape)).not.toContain('id');
    }
  });

  it('refuses an unknown op as a protocol error', () => {
    expect(code({ op: 'reveal' })).toBe('AGENT_PROTOCOL');
    expect(code({ op: 'toString' })).toBe('AGENT_PROTOCOL');
    expect(code({})).toBe('AGENT_PROTOCOL');
  });

  it('refuses an unknown field on every op (strict objects)', () => {
    for (const request of Object.values(valid)) {
      expect(code({ ...request, extra: 1 })).toBe('INVALID_ARGUMENT');
    }
    expect(code({ ...valid.hello, client: { ...client, secret: 'x' } })).toBe('INVALID_ARGUMENT');
    expect(code({ ...valid['session-put'], session: { ...session, extra: 1 } })).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('bounds every string', () => {
    const refused = (frame: object) => expect(code(frame)).toBe('INVALID_ARGUMENT');
    refused({ ...valid.code, query: 'q'.repeat(257) });
    expect(code({ ...valid.code, query: 'q'.repeat(256) })).toBe('accepted');
    refused({ ...valid.code, query: '' });
    refused({ ...valid.code, which: 'previous' });
    refused({ ...valid.pair, query: 'q'.repeat(257) });
    refused({ ...valid['session-get'], key: 'k'.repeat(513) });
    expect(code({ ...valid['session-get'], key: 'k'.repeat(512) })).toBe('accepted');
    refused({ ...valid['session-put'], session: { ...session, sessionToken: 't'.repeat(16_385) } });
    refused({ ...valid['session-put'], session: { ...session, expiration: 'tomorrow' } });
    refused({ ...valid['set-serial'], awsSerial: 'arn with spaces' });
    refused({ ...valid['set-serial'], awsSerial: 'short' });
    refused({ ...valid['set-serial'], accountId: 'i'.repeat(65) });
    refused({ ...valid.hello, client: { ...client, tty: 't'.repeat(257) } });
    refused({ ...valid.hello, client: { ...client, vault: 'v'.repeat(4097) } });
    refused({ ...valid.hello, client: { ...client, pid: -1 } });
    refused({ ...valid.hello, client: { ...client, command: 'code` (pid 1, from Authdesk)' } });
    refused({ ...valid.hello, client: { ...client, command: '' } });
    expect(code({ ...valid.hello, client: { ...client, command: 'aws credential-process' } })).toBe(
      'accepted',
    );
    refused({ ...valid.hello, client: { ...client, pid: 1.5 } });
    refused({ ...valid.add, account: { ...account, secret: 'S'.repeat(1025) } });
    refused({ ...valid.add, account: { ...account, note: 'n'.repeat(10_001) } });
    refused({ ...valid.add, purpose: 'other' });
  });
});
