// Every agent request as a zod schema, checked in the app before the service sees it: strict
// objects (an unknown field is refused), bounded strings and numbers — the discipline of the IPC
// contract (shared/ipc.ts), whose account-input schema an added account reuses.
import { z } from 'zod';
import { AWS_SERIAL_PATTERN } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import { accountInputSchema } from '../../shared/ipc';
import type { AgentOp, AgentRequest } from './protocol';

/** The longest query (`authdesk code QUERY`). */
export const MAX_QUERY_LENGTH = 256;
/** The longest session-cache key (profile, serial and duration, as the AWS use case builds it). */
export const MAX_SESSION_KEY_LENGTH = 512;

const pid = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32);
const id = z.string().min(1).max(64);
const query = z.string().min(1).max(MAX_QUERY_LENGTH);
const key = z.string().min(1).max(MAX_SESSION_KEY_LENGTH);
/** AWS access keys are 16–128 characters; secrets 40; session tokens run to a few kilobytes. */
const credential = (max: number) => z.string().min(1).max(max);

const clientInfoSchema = z.strictObject({
  pid,
  ppid: pid,
  parent: z.string().max(256).nullable(),
  tty: z.string().max(256).nullable(),
  /** "code", "aws session": words only, so the question's sentence cannot be rewritten by it. */
  command: z.string().regex(/^[a-z][a-z0-9 -]{0,63}$/),
  vault: z.string().min(1).max(4096),
});

const sessionSchema = z.strictObject({
  accessKeyId: credential(128),
  secretAccessKey: credential(256),
  sessionToken: credential(16_384),
  expiration: z
    .string()
    .max(64)
    .refine((text) => Number.isFinite(Date.parse(text)), {
      message: 'not a date',
    }),
});

/** One schema per op; each also carries the frame's `v` and `id`, which the server strips. */
export const requestSchemas = {
  hello: z.strictObject({ op: z.literal('hello'), client: clientInfoSchema }),
  list: z.strictObject({ op: z.literal('list') }),
  code: z.strictObject({ op: z.literal('code'), query, which: z.enum(['current', 'next']) }),
  pair: z.strictObject({ op: z.literal('pair'), query }),
  add: z.strictObject({
    op: z.literal('add'),
    account: accountInputSchema,
    purpose: z.literal('aws-register'),
  }),
  'set-serial': z.strictObject({
    op: z.literal('set-serial'),
    accountId: id,
    awsSerial: z.string().regex(AWS_SERIAL_PATTERN),
  }),
  'remove-added': z.strictObject({ op: z.literal('remove-added'), accountId: id }),
  'session-get': z.strictObject({ op: z.literal('session-get'), key }),
  'session-put': z.strictObject({ op: z.literal('session-put'), key, session: sessionSchema }),
} satisfies Record<AgentOp, z.ZodType>;

function isOp(op: unknown): op is AgentOp {
  return typeof op === 'string' && Object.hasOwn(requestSchemas, op);
}

/**
 * The request a frame carries, checked; `frame` is the decoded object without its `v` and `id`.
 * AGENT_PROTOCOL for an unknown op, INVALID_ARGUMENT for a known op with invalid fields.
 */
export function parseAgentRequest(frame: object): AgentRequest {
  const op = (frame as { op?: unknown }).op;
  if (!isOp(op)) throw new AuthdeskError('AGENT_PROTOCOL', 'Unknown request.');
  const parsed = requestSchemas[op].safeParse(frame);
  if (!parsed.success) {
    throw new AuthdeskError('INVALID_ARGUMENT', `The request "${op}" had invalid arguments.`);
  }
  return parsed.data as AgentRequest;
}
