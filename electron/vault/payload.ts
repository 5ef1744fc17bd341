// The decrypted payload: { accounts, groups, revision, updatedAt } as JSON bytes, checked when read.
import { z } from 'zod';
import { ALGORITHMS, OTP_TYPES, type Account } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import { describeIssue } from './base64-field';

export interface VaultPayload {
  accounts: Account[];
  /** Group names in display order, including groups that have no account yet. */
  groups: string[];
  /** Increases by one on every write. */
  revision: number;
  /** ISO 8601 */
  updatedAt: string;
}

// Loose objects: fields a newer Authdesk adds survive a rewrite by this one.
const accountSchema = z.looseObject({
  id: z.string().min(1),
  issuer: z.string(),
  label: z.string(),
  type: z.enum(OTP_TYPES),
  algorithm: z.enum(ALGORITHMS),
  digits: z.number().int(),
  period: z.number().int().positive(),
  counter: z.number().int().nonnegative(),
  secret: z.string().min(1),
  group: z.string().optional(),
  note: z.string().optional(),
  pinned: z.boolean().optional(),
  awsSerial: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const payloadSchema = z.looseObject({
  accounts: z.array(accountSchema),
  groups: z.array(z.string()),
  revision: z.number().int().nonnegative(),
  updatedAt: z.string(),
});

export function emptyPayload(now: Date): VaultPayload {
  return { accounts: [], groups: [], revision: 0, updatedAt: now.toISOString() };
}

export function encodePayload(payload: VaultPayload): Buffer {
  return Buffer.from(JSON.stringify(payload), 'utf8');
}

/** Zeroes `bytes` once parsed: the plaintext buffer must not linger after it is read. */
export function decodePayload(bytes: Buffer): VaultPayload {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  } finally {
    bytes.fill(0);
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    // Authenticated but unreadable: written by a broken or incompatible program, not damaged in transit.
    throw new AuthdeskError(
      'VAULT_CORRUPT',
      `The vault decrypted, but its contents are not in the expected form (${describeIssue(parsed.error)}).`,
    );
  }
  return parsed.data;
}
