// Proves Google Authenticator export links decode and encode, against a protobuf written by hand here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import { encodeBase32 } from '../../shared/base32';
import {
  decodeMigrationUri,
  encodeMigrationUris,
  migrationUnsupportedReason,
} from '../../shared/migration';
import { errorOf, expectOnlyAuthdeskErrors } from '../harness/typed-errors';

const KNOWN_VECTOR =
  'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';
const HELLO_SECRET = Uint8Array.from(Buffer.from('Hello!\xde\xad\xbe\xef', 'latin1'));

// A minimal protobuf writer, independent of protobufjs, so the decoder is checked against bytes
// built from the wire format itself (and entries Authdesk would never write, such as MD5).
function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}
const intField = (id: number, value: number | bigint) => [...varint(id << 3), ...varint(value)];
const bytesField = (id: number, bytes: Uint8Array | number[]) => [
  ...varint((id << 3) | 2),
  ...varint(bytes.length),
  ...bytes,
];
const text = (s: string) => [...Buffer.from(s, 'utf8')];

interface RawEntry {
  secret?: Uint8Array;
  name?: string;
  issuer?: string;
  algorithm?: number;
  digits?: number;
  type?: number;
  counter?: number | bigint;
}
function entryBytes(e: RawEntry): number[] {
  return [
    ...(e.secret ? bytesField(1, e.secret) : []),
    ...(e.name !== undefined ? bytesField(2, text(e.name)) : []),
    ...(e.issuer !== undefined ? bytesField(3, text(e.issuer)) : []),
    ...(e.algorithm !== undefined ? intField(4, e.algorithm) : []),
    ...(e.digits !== undefined ? intField(5, e.digits) : []),
    ...(e.type !== undefined ? intField(6, e.type) : []),
    ...(e.counter !== undefined ? intField(7, e.counter) : []),
  ];
}
function payloadBytes(
  entries: RawEntry[],
  batch: Partial<Record<'version' | 'size' | 'index' | 'id', number>> = {},
) {
  return Uint8Array.from([
    ...entries.flatMap((e) => bytesField(1, entryBytes(e))),
    ...(batch.version !== undefined ? intField(2, batch.version) : []),
    ...(batch.size !== undefined ? intField(3, batch.size) : []),
    ...(batch.index !== undefined ? intField(4, batch.index) : []),
    ...(batch.id !== undefined ? intField(5, batch.id) : []),
  ]);
}
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const link = (bytes: Uint8Array) =>
  `otpauth-migration://offline?data=${encodeURIComponent(base64(bytes))}`;

const account = (overrides: Partial<AccountInput> = {}): AccountInput => ({
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'Example',
  label: 'alice@google.com',
  ...overrides,
});

describe('decodeMigrationUri', () => {
  it('decodes the known vector: JBSWY3DPEHPK3PXP, Example:alice@google.com, issuer Example, TOTP', () => {
    expect(decodeMigrationUri(KNOWN_VECTOR)).toEqual({
      accounts: [account()],
      problems: [],
      batch: { size: 0, index: 0, id: 0 },
      version: 0,
    });
  });

  it('agrees with the hand-written protobuf writer on the known vector, so the writer can be trusted', () => {
    const bytes = payloadBytes([
      { secret: HELLO_SECRET, name: 'Example:alice@google.com', issuer: 'Example', type: 2 },
    ]);
    expect(`otpauth-migration://offline?data=${base64(bytes)}`).toBe(KNOWN_VECTOR);
  });

  it('reads UNSPECIFIED algorithm, digits and type as SHA1, 6 digits and TOTP, always with a 30 s period', () => {
    const result = decodeMigrationUri(
      link(payloadBytes([{ secret: HELLO_SECRET, name: 'x', algorithm: 0, digits: 0, type: 0 }])),
    );
    expect(result.accounts).toEqual([account({ issuer: '', label: 'x' })]);
  });

  it('reads SHA256, SHA512, 8 digits and an HOTP counter beyond 32 bits', () => {
    const result = decodeMigrationUri(
      link(
        payloadBytes([
          { secret: HELLO_SECRET, name: 'a', issuer: 'I', algorithm: 2, digits: 2, type: 2 },
          {
            secret: HELLO_SECRET,
            name: 'b',
            issuer: 'I',
            algorithm: 3,
            digits: 1,
            type: 1,
            counter: 2 ** 40 + 7,
          },
        ]),
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.accounts).toEqual([
      account({ issuer: 'I', label: 'a', algorithm: 'SHA256', digits: 8 }),
      account({ issuer: 'I', label: 'b', algorithm: 'SHA512', type: 'hotp', counter: 2 ** 40 + 7 }),
    ]);
  });

  it('reports an MD5 entry as a problem and still decodes the entries around it', () => {
    const result = decodeMigrationUri(
      link(
        payloadBytes(
          [
            { secret: HELLO_SECRET, name: 'First:one', issuer: 'First', type: 2 },
            { secret: HELLO_SECRET, name: 'Legacy:two', issuer: 'Legacy', algorithm: 4, type: 2 },
            { secret: HELLO_SECRET, name: 'Third:three', issuer: 'Third', type: 2 },
          ],
          { version: 1, size: 1, index: 0, id: 12345 },
        ),
      ),
    );
    expect(result.accounts.map((a) => a.label)).toEqual(['one', 'three']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ index: 1, name: 'Legacy:two', issuer: 'Legacy' });
    expect(result.problems[0]!.error.code).toBe('MIGRATION_UNSUPPORTED');
    expect(result.problems[0]!.error.message).toContain('MD5');
    expect(result.batch).toEqual({ size: 1, index: 0, id: 12345 });
    expect(result.version).toBe(1);
  });

  it('reports each unreadable entry with its own code and a displayable name', () => {
    const result = decodeMigrationUri(
      link(
        payloadBytes([
          { name: 'no secret', type: 2 },
          { secret: HELLO_SECRET, name: 'odd digits', digits: 7 },
          { secret: HELLO_SECRET, name: 'odd type', type: 9 },
          { secret: HELLO_SECRET, name: 'odd algorithm', algorithm: 11 },
          { secret: HELLO_SECRET, name: 'negative', type: 1, counter: -1n },
          { secret: HELLO_SECRET, name: 'huge', type: 1, counter: 2n ** 60n },
          { secret: HELLO_SECRET, name: 'line\nbreak', issuer: 'Evil\u0007' },
          { secret: HELLO_SECRET, name: 'fine' },
        ]),
      ),
    );
    expect(result.accounts.map((a) => a.label)).toEqual(['fine']);
    expect(result.problems.map((p) => [p.index, p.error.code])).toEqual([
      [0, 'SECRET_INVALID'],
      [1, 'MIGRATION_UNSUPPORTED'],
      [2, 'MIGRATION_UNSUPPORTED'],
      [3, 'MIGRATION_UNSUPPORTED'],
      [4, 'COUNTER_INVALID'],
      [5, 'COUNTER_INVALID'],
      [6, 'LABEL_INVALID'],
    ]);
    expect(result.problems[6]).toMatchObject({ name: 'line\uFFFDbreak', issuer: 'Evil\uFFFD' });
  });

  it('splits "Issuer:account" names: repeated issuer dropped, prefix used when no issuer, other prefixes kept', () => {
    const result = decodeMigrationUri(
      link(
        payloadBytes([
          { secret: HELLO_SECRET, name: 'Example:alice', issuer: 'Example' },
          { secret: HELLO_SECRET, name: 'GitHub: bob', issuer: '' },
          { secret: HELLO_SECRET, name: 'Personal:carol', issuer: 'Work' },
          { secret: HELLO_SECRET, name: 'dave', issuer: 'ACME' },
          { secret: HELLO_SECRET, name: 'a:b:c', issuer: 'a:b' },
        ]),
      ),
    );
    expect(result.accounts.map((a) => [a.issuer, a.label])).toEqual([
      ['Example', 'alice'],
      ['GitHub', 'bob'],
      ['Work', 'Personal:carol'],
      ['ACME', 'dave'],
      ['a:b', 'c'],
    ]);
  });

  it("handles a '+' in the data whether it arrives escaped (%2B), raw, or turned into a space", () => {
    let bytes: Uint8Array | undefined;
    for (let i = 0; bytes === undefined; i++) {
      const candidate = payloadBytes([
        { secret: Uint8Array.from([i, 0xfb, 0xef, i]), name: `n${i}`, issuer: 'Plus' },
      ]);
      if (base64(candidate).includes('+')) bytes = candidate;
    }
    const data = base64(bytes);
    const expected = decodeMigrationUri(link(bytes));
    expect(link(bytes)).toContain('%2B');
    expect(expected.accounts).toHaveLength(1);
    for (const variant of [
      data,
      data.replace(/\+/g, ' '),
      data.replace(/=+$/, ''),
      encodeURIComponent(data).replace(/%2B/g, '+'),
    ]) {
      expect(decodeMigrationUri(`otpauth-migration://offline?data=${variant}`)).toEqual(expected);
    }
  });

  it('accepts batch_id 0, surrounding whitespace, an upper-case scheme and extra parameters', () => {
    const bytes = payloadBytes([{ secret: HELLO_SECRET, name: 'x' }], {
      version: 1,
      size: 2,
      index: 1,
      id: 0,
    });
    const result = decodeMigrationUri(
      `  OTPAUTH-MIGRATION://offline?foo=1&data=${encodeURIComponent(base64(bytes))}&bar \n`,
    );
    expect(result.batch).toEqual({ size: 2, index: 1, id: 0 });
  });

  const malformed: [string, string][] = [
    ['no data parameter', 'otpauth-migration://offline?foo=bar'],
    ['an empty data parameter', 'otpauth-migration://offline?data='],
    ['data that is not base64', 'otpauth-migration://offline?data=!!!not-base64***'],
    ['a broken %-escape', 'otpauth-migration://offline?data=AB%2'],
    ['base64 of an impossible length', 'otpauth-migration://offline?data=ABCDE'],
    [
      'bytes that are not a protobuf',
      `otpauth-migration://offline?data=${base64(Uint8Array.from([0xff, 0xff, 0xff, 0xff]))}`,
    ],
    [
      'a truncated payload',
      `otpauth-migration://offline?data=${encodeURIComponent(base64(Buffer.from(KNOWN_VECTOR.split('=')[1]!, 'base64').subarray(0, 20)))}`,
    ],
    [
      'a payload without accounts',
      link(payloadBytes([], { version: 1, size: 1, index: 0, id: 3 })),
    ],
    ['a host other than offline', 'otpauth-migration://online?data=CjEKCkhlbGxv'],
  ];
  it.each(malformed)('refuses %s with MIGRATION_MALFORMED', (_what, uri) => {
    expect(errorOf(() => decodeMigrationUri(uri)).code).toBe('MIGRATION_MALFORMED');
  });

  it('refuses a link that is not an export link with URI_SCHEME', () => {
    expect(errorOf(() => decodeMigrationUri('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP')).code).toBe(
      'URI_SCHEME',
    );
    expect(errorOf(() => decodeMigrationUri('')).code).toBe('URI_SCHEME');
  });
});

describe('encodeMigrationUris', () => {
  it('round-trips one account through a Google Authenticator export link', () => {
    const [uri, ...rest] = encodeMigrationUris([account()], { batchId: 77 });
    expect(rest).toEqual([]);
    expect(uri).toMatch(/^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/);
    expect(decodeMigrationUri(uri!)).toEqual({
      accounts: [account()],
      problems: [],
      batch: { size: 1, index: 0, id: 77 },
      version: 1,
    });
  });

  it('splits 25 accounts into 3 links that carry their index, the batch size and one batch id', () => {
    const accounts = Array.from({ length: 25 }, (_, i) =>
      account({
        label: `user${i}@example.com`,
        issuer: i % 2 ? 'Odd' : 'Even',
        secret: encodeBase32(
          Uint8Array.from({ length: 10 + (i % 11) }, (_, j) => (i * 31 + j) & 0xff),
        ),
        type: i % 5 === 0 ? 'hotp' : 'totp',
        counter: i % 5 === 0 ? i * 1000 : 0,
        algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]!,
        digits: i % 4 === 0 ? 8 : 6,
      }),
    );
    const uris = encodeMigrationUris(accounts);
    expect(uris).toHaveLength(3);
    const decoded = uris.map(decodeMigrationUri);
    expect(decoded.map((d) => d.batch.index)).toEqual([0, 1, 2]);
    expect(decoded.map((d) => d.batch.size)).toEqual([3, 3, 3]);
    expect(new Set(decoded.map((d) => d.batch.id)).size).toBe(1);
    expect(decoded.map((d) => d.accounts.length)).toEqual([10, 10, 5]);
    expect(decoded.flatMap((d) => d.accounts)).toEqual(accounts);
    expect(encodeMigrationUris(accounts)).toEqual(uris);
  });

  it('writes batch_id 0 when asked, and honours perBatch', () => {
    const uris = encodeMigrationUris(
      [account(), account({ label: 'b' }), account({ label: 'c' })],
      {
        perBatch: 2,
        batchId: 0,
      },
    );
    expect(uris.map((u) => decodeMigrationUri(u).batch)).toEqual([
      { size: 2, index: 0, id: 0 },
      { size: 2, index: 1, id: 0 },
    ]);
  });

  it('refuses Steam, non-30 s periods and 7 digits with MIGRATION_UNSUPPORTED naming every such account', () => {
    const accounts = [
      account({ issuer: 'Fine', label: 'ok' }),
      account({ type: 'steam', digits: 5, issuer: 'Steam', label: 'gaben' }),
      account({ period: 60, issuer: 'Slow', label: 'sixty' }),
      account({ digits: 7, issuer: 'Seven', label: 'digits' }),
    ];
    const error = errorOf(() => encodeMigrationUris(accounts));
    expect(error.code).toBe('MIGRATION_UNSUPPORTED');
    expect(error.message).toContain('3 of these accounts');
    for (const name of ['Steam (gaben)', 'Slow (sixty)', 'Seven (digits)'])
      expect(error.message).toContain(name);
    expect(error.message).not.toContain('Fine');
    expect(accounts.map(migrationUnsupportedReason).map((r) => r === null)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    // HOTP has no period in Google's format, so a stored period does not matter for it.
    expect(migrationUnsupportedReason(account({ type: 'hotp', period: 60 }))).toBeNull();
  });

  it('refuses a bad perBatch or batch id with INVALID_ARGUMENT and a bad account with its own code', () => {
    expect(errorOf(() => encodeMigrationUris([account()], { perBatch: 0 })).code).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorOf(() => encodeMigrationUris([account()], { batchId: 2 ** 31 })).code).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorOf(() => encodeMigrationUris([account({ secret: 'bad!' })])).code).toBe(
      'SECRET_INVALID',
    );
    expect(encodeMigrationUris([])).toEqual([]);
  });
});

const UNSAFE = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;
const nameArb = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(':', '+', '/', '%', ' ', '日本'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 30,
  })
  .map((s) => s.replace(UNSAFE, '').trim());
// What Google Authenticator can hold. An account without issuer whose name contains ':' reads
// back with the part before ':' as issuer, as Google's own app shows it; that case is excluded.
const googleAccountArb = fc
  .record({
    type: fc.constantFrom('totp', 'hotp'),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.constantFrom(6, 8),
    counter: fc.nat({ max: Number.MAX_SAFE_INTEGER - 1 }),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }).map(encodeBase32),
    issuer: nameArb,
    label: nameArb,
  })
  .filter((a) => a.issuer !== '' || !a.label.includes(':'))
  .map((a): AccountInput => ({ ...a, period: 30, counter: a.type === 'hotp' ? a.counter : 0 }));

describe('properties', () => {
  it('encode → decode round-trips any accounts Google Authenticator can hold, in any batch size', () => {
    fc.assert(
      fc.property(
        fc.array(googleAccountArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (accounts, perBatch, batchId) => {
          const uris = encodeMigrationUris(accounts, { perBatch, batchId });
          expect(uris).toHaveLength(Math.ceil(accounts.length / perBatch));
          const decoded = uris.map(decodeMigrationUri);
          expect(decoded.flatMap((d) => d.problems)).toEqual([]);
          expect(decoded.flatMap((d) => d.accounts)).toEqual(accounts);
          decoded.forEach((d, index) =>
            expect(d.batch).toEqual({ size: uris.length, index, id: batchId }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('throws nothing but AuthdeskError for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => {
        expectOnlyAuthdeskErrors(() => decodeMigrationUri(s));
        expectOnlyAuthdeskErrors(() => decodeMigrationUri(`otpauth-migration://offline?data=${s}`));
      }),
      { numRuns: 1000 },
    );
  });

  it('throws nothing but AuthdeskError for arbitrary bytes in the data parameter, however encoded', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('escaped', 'raw', 'spaces', 'url-safe'),
        (bytes, form) => {
          const b64 = base64(bytes);
          const data =
            form === 'escaped'
              ? encodeURIComponent(b64)
              : form === 'raw'
                ? b64
                : form === 'spaces'
                  ? b64.replace(/\+/g, ' ')
                  : Buffer.from(bytes).toString('base64url');
          expectOnlyAuthdeskErrors(() =>
            decodeMigrationUri(`otpauth-migration://offline?data=${data}`),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('throws nothing but AuthdeskError for real payloads with bytes flipped, inserted or cut', () => {
    fc.assert(
      fc.property(
        fc.array(googleAccountArb, { minLength: 1, maxLength: 5 }),
        fc.array(
          fc.tuple(fc.nat(), fc.nat({ max: 255 }), fc.constantFrom('flip', 'insert', 'cut')),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (accounts, edits) => {
          const [uri] = encodeMigrationUris(accounts, { perBatch: 5 });
          let bytes = [...Buffer.from(decodeURIComponent(uri!.split('data=')[1]!), 'base64')];
          for (const [at, value, edit] of edits) {
            const i = at % (bytes.length + 1);
            if (edit === 'flip') bytes[i % bytes.length] = value;
            else if (edit === 'insert') bytes.splice(i, 0, value);
            else bytes = bytes.slice(0, i);
          }
          expectOnlyAuthdeskErrors(() => decodeMigrationUri(link(Uint8Array.from(bytes))));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
