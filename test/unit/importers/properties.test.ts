// Whatever bytes arrive (random, or a real export damaged at random), the importers fail only with AuthdeskError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isErrorCode } from '../../../shared/errors';
import { detectImportFile, readImportFile } from '../../../electron/import/formats';
import {
  aegisDb,
  aegisEncryptedFile,
  aegisPlainFile,
  andotpEncryptedFile,
  andotpPlainFile,
  bitwardenCsvFile,
  bitwardenJsonFile,
  GOOGLE_SAMPLE_ACCOUNTS,
  googleExportFile,
  otpauthListFile,
  SAMPLE_ACCOUNTS,
  SAMPLE_PASSWORD,
  twofasEncryptedFile,
  twofasPlainFile,
  utf8,
} from '../../harness/import-samples';
import { expectAuthdeskError } from '../../harness/typed-errors';

const RUNS = 150;
const NAMES = ['export.json', 'backup.2fas', 'otp_accounts.json.aes', 'export.csv', 'list.txt'];

/**
 * Derivations a damaged header could make slow (an andOTP iteration count, Aegis' scrypt N) are
 * capped by the importers at a few seconds; the property only runs a password on cheap ones.
 */
function cheapToOpen(bytes: Uint8Array): boolean {
  if (bytes.length >= 4 && bytes[0] === 0) return Buffer.from(bytes).readUInt32BE(0) <= 20_000;
  const text = Buffer.from(bytes).toString('utf8');
  const costs = [...text.matchAll(/"(n|r|p)"\s*:\s*(\d+)/g)].map((m) => Number(m[2]));
  return costs.reduce((a, b) => a * Math.max(b, 1), 1) <= 2 ** 16;
}

/** Detects and reads the file: without a password, and with one when that is cheap. */
async function tryEverything(bytes: Uint8Array, name: string): Promise<void> {
  let encrypted = false;
  try {
    encrypted = detectImportFile(bytes, name).encrypted;
  } catch (error) {
    expectAuthdeskError(error);
  }
  const attempts =
    encrypted && cheapToOpen(bytes) ? [undefined, SAMPLE_PASSWORD, 'wrong'] : [undefined];
  for (const password of attempts) {
    try {
      const found = await readImportFile(bytes, name, password);
      for (const problem of found.problems) expect(isErrorCode(problem.code)).toBe(true);
    } catch (error) {
      expectAuthdeskError(error);
    }
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside the JSON (at most `limit`), the root included. */
function paths(
  value: Json,
  limit = 400,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
) {
  if (out.length >= limit) return out;
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, limit, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, limit, [...prefix, k], out);
  }
  return out;
}

function replaceAt(root: Json, path: (string | number)[], next: Json | undefined): Json {
  if (path.length === 0) return next ?? null;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (next === undefined) delete node[last];
  else node[last] = next;
  return copy as Json;
}

/** A valid file with bytes flipped, cut, or spliced in. */
const byteMutation = (bytes: Uint8Array) =>
  fc.oneof(
    fc
      .array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      })
      .map((edits) => {
        const out = Buffer.from(bytes);
        for (const [at, mask] of edits) out[at]! ^= mask;
        return new Uint8Array(out);
      }),
    fc.nat(bytes.length).map((at) => bytes.subarray(0, at)),
    fc
      .tuple(fc.nat(bytes.length), fc.uint8Array({ minLength: 1, maxLength: 16 }))
      .map(
        ([at, extra]) =>
          new Uint8Array(Buffer.concat([bytes.subarray(0, at), extra, bytes.subarray(at)])),
      ),
  );

/** A valid JSON file with one value replaced by arbitrary JSON, or removed. */
const jsonMutation = (bytes: Uint8Array) => {
  const root = JSON.parse(Buffer.from(bytes).toString('utf8')) as Json;
  const all = paths(root);
  return fc
    .tuple(fc.nat(all.length - 1), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }))
    .map(([i, value]) =>
      utf8(JSON.stringify(replaceAt(root, all[i]!, value as Json | undefined)) ?? ''),
    );
};

const SAMPLES: Record<string, { name: string; bytes: Uint8Array; json: boolean }[]> = {
  aegis: [
    { name: 'aegis.json', bytes: aegisPlainFile(aegisDb(SAMPLE_ACCOUNTS)), json: true },
    { name: 'aegis.json', bytes: aegisEncryptedFile(aegisDb(SAMPLE_ACCOUNTS)), json: true },
  ],
  '2fas': [
    { name: 'b.2fas', bytes: twofasPlainFile(SAMPLE_ACCOUNTS), json: true },
    { name: 'b.2fas', bytes: twofasEncryptedFile(SAMPLE_ACCOUNTS), json: true },
  ],
  andotp: [
    { name: 'a.json', bytes: andotpPlainFile(SAMPLE_ACCOUNTS), json: true },
    { name: 'a.json.aes', bytes: andotpEncryptedFile(SAMPLE_ACCOUNTS), json: false },
  ],
  bitwarden: [
    { name: 'bw.json', bytes: bitwardenJsonFile(SAMPLE_ACCOUNTS), json: true },
    { name: 'bw.csv', bytes: bitwardenCsvFile(SAMPLE_ACCOUNTS), json: false },
  ],
  'link lists': [
    { name: 'list.txt', bytes: otpauthListFile(SAMPLE_ACCOUNTS, { comments: true }), json: false },
    {
      name: 'google.txt',
      bytes: googleExportFile(GOOGLE_SAMPLE_ACCOUNTS, 2),
      json: false,
    },
  ],
};

describe('importers under damage', () => {
  it('throw only AuthdeskError for random bytes under any name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ maxLength: 200 }).map(utf8),
          fc.jsonValue({ maxDepth: 3 }).map((v) => utf8(JSON.stringify(v) ?? '')),
        ),
        fc.constantFrom(...NAMES),
        tryEverything,
      ),
      { numRuns: 200 },
    );
  });

  for (const [format, samples] of Object.entries(SAMPLES)) {
    it(`throw only AuthdeskError for damaged ${format} files`, async () => {
      const arbitraries = samples.flatMap(({ name, bytes, json }) => [
        byteMutation(bytes).map((b) => ({ name, bytes: b })),
        ...(json ? [jsonMutation(bytes).map((b) => ({ name, bytes: b }))] : []),
      ]);
      await fc.assert(
        fc.asyncProperty(fc.oneof(...arbitraries), ({ name, bytes }) => tryEverything(bytes, name)),
        { numRuns: RUNS },
      );
    });
  }
});
