// The envelope on disk (DESIGN.md §4): parse and check it, serialise it, read it, write it durably.
import { open, stat } from 'node:fs/promises';
import { z } from 'zod';
import { AuthdeskError } from '../../shared/errors';
import { base64Bytes, describeIssue } from './base64-field';
import { writeFileDurably, type DurableFs } from './durable-write';
import {
  ENVELOPE_FORMATS,
  ENVELOPE_VERSION,
  NONCE_BYTES,
  TAG_BYTES,
  type EnvelopeFormat,
  type Sealed,
  type StoredSlot,
} from './envelope';
import { errnoCode, toIoError } from './io-error';
import { slotWorkProblem } from './kdf';
import { isPasswordSlot, parsePasswordSlot } from './password-slot';

export interface Envelope {
  format: EnvelopeFormat;
  version: number;
  /** As read: slot types this version does not know are written back untouched. */
  slots: StoredSlot[];
  payload: Sealed;
}

// 1,000 accounts take about 300 KB; anything this large is not ours and is not read into memory.
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Password slots read per file. Authdesk writes one in either; a vault may hold a few more (a
 * later version's recovery password, say), and their summed KDF cost is bounded as well
 * (slotWorkProblem), so a wrong password never costs more than twice the costliest slot.
 */
export const MAX_PASSWORD_SLOTS: Readonly<Record<EnvelopeFormat, number>> = Object.freeze({
  'authdesk-vault': 4,
  'authdesk-backup': 1,
});

const bodySchema = z.object({
  slots: z.array(z.looseObject({ type: z.string().min(1) })).min(1),
  payload: z.object({
    nonce: base64Bytes({ exactly: NONCE_BYTES }),
    data: base64Bytes({ atLeast: TAG_BYTES }),
  }),
});

/** The word users know for each format, for messages. */
export function nounOf(format: EnvelopeFormat): string {
  return format === 'authdesk-vault' ? 'vault' : 'backup';
}

function isEnvelopeFormat(value: unknown): value is EnvelopeFormat {
  return (ENVELOPE_FORMATS as readonly unknown[]).includes(value);
}

const corruptFile = (format: EnvelopeFormat, path: string | undefined) => (why: string) =>
  new AuthdeskError('VAULT_CORRUPT', `The ${nounOf(format)} file${path ? ` ${path}` : ''} ${why}.`);

/** Checks everything that can be checked without a key; any problem is VAULT_CORRUPT saying which. */
export function parseEnvelope(text: string, format: EnvelopeFormat, path?: string): Envelope {
  const corrupt = corruptFile(format, path);
  if (text.trim() === '') throw corrupt('is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt('is not valid JSON: it is truncated or damaged');
  }
  return checkEnvelope(json, format, path);
}

/** As parseEnvelope, on the file's JSON already parsed (a backup's reader parses it first). */
export function checkEnvelope(json: unknown, format: EnvelopeFormat, path?: string): Envelope {
  const noun = nounOf(format);
  const corrupt = corruptFile(format, path);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw corrupt('is not an Authdesk file');
  }
  const { format: found, version } = json as { format?: unknown; version?: unknown };
  if (found !== format) {
    if (isEnvelopeFormat(found)) throw corrupt(`is an Authdesk ${nounOf(found)}, not a ${noun}`);
    throw corrupt(`is not an Authdesk ${noun} (format ${JSON.stringify(found) ?? 'missing'})`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw corrupt(`has an unknown format version (${JSON.stringify(version) ?? 'missing'})`);
  }
  if (version > ENVELOPE_VERSION) {
    throw corrupt(
      `was made by a newer Authdesk (format version ${version}; this version reads ${ENVELOPE_VERSION}). Update Authdesk to open it`,
    );
  }
  tooManyPasswordSlots((json as { slots?: unknown }).slots, format, corrupt);
  const body = bodySchema.safeParse(json);
  if (!body.success) throw corrupt(`is damaged (${describeIssue(body.error)})`);
  const slots: StoredSlot[] = body.data.slots;
  if (format === 'authdesk-backup') {
    const other = slots.find((slot) => !isPasswordSlot(slot));
    if (other) throw corrupt(`has a "${other.type}" slot; backups open with a password only`);
  }
  // Counted before any slot is parsed, and bounded before any key is derived: every password slot
  // costs a KDF run on a wrong password, and a 20 MB file holds ~70,000 of them.
  const passwordSlots = slots.filter(isPasswordSlot);
  if (passwordSlots.length === 0) throw corrupt('has no password slot');
  const maxSlots = MAX_PASSWORD_SLOTS[format];
  const costs = passwordSlots.map((slot) => parsePasswordSlot(slot).kdf);
  const problem = slotWorkProblem(costs, maxSlots);
  if (problem) throw corrupt(problem);
  return { format, version, slots, payload: body.data.payload };
}

/**
 * Refuses a file with more password slots than its format reads, before the slots are checked one
 * by one (a crafted 20 MB file holds ~70,000, and each would cost a KDF run on a wrong password).
 */
function tooManyPasswordSlots(
  slots: unknown,
  format: EnvelopeFormat,
  corrupt: (why: string) => AuthdeskError,
): void {
  if (!Array.isArray(slots)) return; // the schema says what is wrong with it
  const maxSlots = MAX_PASSWORD_SLOTS[format];
  let count = 0;
  for (const slot of slots as unknown[]) {
    if ((slot as { type?: unknown } | null)?.type === 'password') count += 1;
  }
  if (count <= maxSlots) return;
  const allowed = format === 'authdesk-backup' ? 'exactly one' : `at most ${maxSlots}`;
  throw corrupt(
    `has ${count} password slots; an Authdesk ${nounOf(format)} has ${allowed}, so it was damaged or made to make opening it slow. Nothing was tried`,
  );
}

export function serializeEnvelope({ format, version, slots, payload }: Envelope): string {
  const json = {
    format,
    version,
    slots,
    payload: { nonce: payload.nonce.toString('base64'), data: payload.data.toString('base64') },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Whether anything is at `path` (so that creating a vault there would overwrite it). */
export async function fileExists(path: string, format: EnvelopeFormat): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw toIoError(error, 'read', path, nounOf(format));
  }
}

/** VAULT_NOT_FOUND when there is no file, IO_ERROR when it cannot be read, else as parseEnvelope. */
export async function readEnvelope(path: string, format: EnvelopeFormat): Promise<Envelope> {
  const noun = nounOf(format);
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      if ((await handle.stat()).size > MAX_FILE_BYTES) {
        throw new AuthdeskError('VAULT_CORRUPT', `The ${noun} file ${path} is far too large.`);
      }
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') {
      throw new AuthdeskError('VAULT_NOT_FOUND', `There is no ${noun} at ${path}.`);
    }
    throw toIoError(error, 'read', path, noun);
  }
  return parseEnvelope(text, format, path);
}

/**
 * Atomic and durable (see writeFileDurably); a vault keeps its previous generation as `.bak`.
 * The caller must hold the lock for `path`.
 */
export async function writeEnvelope(
  path: string,
  envelope: Envelope,
  options: { fs?: DurableFs; keepPrevious?: boolean } = {},
): Promise<void> {
  await writeFileDurably(path, serializeEnvelope(envelope), {
    keepPrevious: options.keepPrevious ?? envelope.format === 'authdesk-vault',
    what: nounOf(envelope.format),
    ...(options.fs ? { fs: options.fs } : {}),
  });
}
