// The fields an account is merged by, and the way between an Account and them. One field per
// thing two devices may change independently: the credential (secret, type, algorithm, digits and
// period together: a code needs all of them), the HOTP counter on its own (it only grows), each
// tag as its own field (`tag:<key>`, holding the tag's spelling or null), the place in the list
// (`position`, a fractional index) and the tombstone (`deleted`). `updatedAt` is not merged: the
// projection takes it from the newest stamp. A value that is not of its field's form (a broken or
// newer writer) counts as absent, so the vault never receives an account it would refuse.
import {
  ALGORITHMS,
  OTP_TYPES,
  type Account,
  type Algorithm,
  type OtpType,
} from '../../../shared/account';
import type { SyncFlag } from '../../../shared/sync';
import { tagKey } from '../../../shared/tags';
import { knownIcon } from '../../vault/icon-store';

export const CREDENTIAL = 'credential';
export const COUNTER = 'counter';
export const POSITION = 'position';
export const DELETED = 'deleted';
export const CREATED_AT = 'createdAt';
export const SYNC_FLAG = 'syncFlag';
export const TAG_PREFIX = 'tag:';

/** Plain fields merged last-writer-wins, in the vault file's order. */
export const TEXT_FIELDS = ['issuer', 'label'] as const;
export const OPTIONAL_FIELDS = ['icon', 'note', 'pinned', 'awsSerial', 'syncFlag'] as const;

export interface Credential {
  secret: string;
  type: OtpType;
  algorithm: Algorithm;
  digits: number;
  period: number;
}

export const tagField = (name: string) => `${TAG_PREFIX}${tagKey(name)}`;

export function credentialOf(account: Account): Credential {
  return {
    secret: account.secret,
    type: account.type,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
  };
}

export function isCredential(value: unknown): value is Credential {
  const c = value as Credential;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.secret === 'string' &&
    c.secret.length > 0 &&
    OTP_TYPES.includes(c.type) &&
    ALGORITHMS.includes(c.algorithm) &&
    Number.isInteger(c.digits) &&
    Number.isInteger(c.period) &&
    c.period > 0
  );
}

const isCounter = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * The merged fields of an account, except `position` and `deleted` (the caller's). An absent
 * optional field is null, so that clearing it is an edit like any other.
 */
export function accountFields(account: Account): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const field of TEXT_FIELDS) fields.set(field, account[field]);
  fields.set(CREDENTIAL, credentialOf(account));
  fields.set(COUNTER, account.counter);
  for (const field of OPTIONAL_FIELDS) fields.set(field, account[field] ?? null);
  fields.set(CREATED_AT, account.createdAt);
  for (const name of account.tags ?? []) fields.set(tagField(name), name);
  return fields;
}

/** Whether the value is of the form its field takes (null is: it clears). */
export function validValue(field: string, value: unknown): boolean {
  if (value === null) return field !== CREDENTIAL && field !== COUNTER;
  switch (field) {
    case 'issuer':
    case 'label':
    case 'note':
    case 'awsSerial':
    case CREATED_AT:
    case POSITION:
      return typeof value === 'string';
    case 'pinned':
    case DELETED:
      return typeof value === 'boolean';
    case 'icon':
      return knownIcon(value) !== undefined;
    case SYNC_FLAG:
      return isSyncFlag(value);
    case CREDENTIAL:
      return isCredential(value);
    case COUNTER:
      return isCounter(value);
    default:
      return field.startsWith(TAG_PREFIX) && typeof value === 'string' && value !== '';
  }
}

function isSyncFlag(value: unknown): value is SyncFlag {
  const flag = value as SyncFlag;
  return (
    typeof flag === 'object' &&
    flag !== null &&
    (flag.kind === 'secret-conflict' || flag.kind === 'kept-after-delete') &&
    typeof flag.device?.id === 'string' &&
    typeof flag.device?.name === 'string' &&
    typeof flag.at === 'string'
  );
}

/**
 * The account a record's chosen field values make, or null when they do not make one (no
 * credential: a record that was never added here, or the tag list's). `tags` come spelled and
 * ordered by the caller.
 */
export function fieldsToAccount(
  id: string,
  value: (field: string) => unknown,
  tags: string[],
  updatedAt: string,
): Account | null {
  const credential = value(CREDENTIAL);
  if (!isCredential(credential)) return null;
  const counter = value(COUNTER);
  const createdAt = value(CREATED_AT);
  const account: Record<string, unknown> = {
    id,
    issuer: stringOr(value('issuer'), ''),
    label: stringOr(value('label'), ''),
    type: credential.type,
    algorithm: credential.algorithm,
    digits: credential.digits,
    period: credential.period,
    counter: isCounter(counter) ? counter : 0,
    secret: credential.secret,
  };
  if (tags.length > 0) account.tags = tags;
  for (const field of OPTIONAL_FIELDS) {
    const v = value(field);
    if (v !== null && v !== undefined) account[field] = v;
  }
  account.createdAt = typeof createdAt === 'string' ? createdAt : updatedAt;
  account.updatedAt = updatedAt;
  return account as unknown as Account;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** JSON with sorted keys: two values are the same value when their keys are equal. */
export function valueKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${valueKey(record[key])}`).join(',')}}`;
}

/** Whether two values have the same valueKey (absent and null alike), without building it. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a ?? null) === (b ?? null);
  }
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameValue(item, b[index]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key of Object.keys(x)) {
    if (x[key] === undefined) continue;
    count++;
    if (!Object.hasOwn(y, key) || !sameValue(x[key], y[key])) return false;
  }
  for (const key of Object.keys(y)) if (y[key] !== undefined) count--;
  return count === 0;
}
