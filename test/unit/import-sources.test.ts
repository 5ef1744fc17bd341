// What a scan's texts become (accounts, batches, explained problems) and how scans merge into one
// pending import: the same account or batch twice, a re-scanned source, Google progress per export.
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import { encodeMigrationUris } from '../../shared/migration';
import { formatOtpauthUri } from '../../shared/otpauth';
import { bgraToRgba } from '../../electron/import/bgra';
import { PendingImport } from '../../electron/import/pending-import';
import { describeNonOtp, fromQrTexts, fromText } from '../../electron/import/found';
import { sampleInput } from '../harness/vault-fixtures';

const account = (label: string, secret: string): AccountInput =>
  sampleInput(label, { issuer: 'Example', label, secret });
/** A one-batch export (id 99) of "Example:bob" using MD5 and "Example:alice", built from the wire format. */
const MD5_EXPORT =
  'otpauth-migration://offline?data=CiYKCkhlbGxvId6tvu8SC0V4YW1wbGU6Ym9iGgdFeGFtcGxlIAQwAgomCgowMTIzNDU2Nzg5Eg1FeGFtcGxlOmFsaWNlGgdFeGFtcGxlMAIQARgBIAAoYw%3D%3D';
const ALICE = account('alice', 'JBSWY3DPEHPK3PXP');
const BOB = account('bob', 'GEZDGNBVGY3TQOJQ');
const CAROL = account('carol', 'MFRGGZDFMZTWQ2LK');

describe('fromQrTexts', () => {
  it('reads an otpauth:// link as one account and an export link as its batch', () => {
    const [link] = encodeMigrationUris([BOB, CAROL], { batchId: 0 });
    const found = fromQrTexts([formatOtpauthUri(ALICE), link!], 'shot.png');
    expect(found.accounts.map((a) => [a.input.label, a.batch])).toEqual([
      ['alice', null],
      ['bob', { id: 0, index: 0, size: 1 }],
      ['carol', { id: 0, index: 0, size: 1 }],
    ]);
    expect(found.batches).toEqual([{ id: 0, index: 0, size: 1 }]);
    expect(found.problems).toEqual([]);
  });

  it('says no code was found for an image without one', () => {
    expect(fromQrTexts([], 'a.png').problems).toEqual([
      expect.objectContaining({ source: 'a.png', code: 'QR_NOT_FOUND' }),
    ]);
  });

  it('explains a broken setup link by its code and never echoes the link', () => {
    const found = fromQrTexts(['otpauth://totp/A:b?secret=JBSWY3DP0'], 'a.png');
    expect(found.problems).toEqual([
      { source: 'a.png', code: 'SECRET_INVALID', message: expect.any(String) },
    ]);
  });

  it('keeps an export’s readable accounts and names the refused one', () => {
    const found = fromQrTexts([MD5_EXPORT], 'export.png');
    expect(found.accounts.map((a) => a.input.label)).toEqual(['alice']);
    expect(found.problems).toEqual([
      expect.objectContaining({ code: 'MIGRATION_UNSUPPORTED', detail: 'Example (bob)' }),
    ]);
  });
});

describe('describeNonOtp', () => {
  it('shows a web address, without a user:password part, and cuts a long one', () => {
    expect(describeNonOtp('https://example.com/a?b=c')).toBe('https://example.com/a?b=c');
    expect(describeNonOtp('HTTP://me:secret@example.com/')).toBe('HTTP://example.com/');
    expect(describeNonOtp(`https://example.com/${'x'.repeat(500)}`)).toHaveLength(301);
  });

  it('names only the kind of anything else, and nothing for plain text', () => {
    expect(describeNonOtp('WIFI:S:home;P:hunter2;;')).toBe('WIFI:…');
    expect(describeNonOtp('mailto:a@example.com')).toBe('mailto:…');
    expect(describeNonOtp('JBSWY3DPEHPK3PXP')).toBeUndefined();
    expect(describeNonOtp('line one\nline two')).toBeUndefined();
  });
});

describe('fromText', () => {
  it('reads a list of links, one per line, and counts the lines that are not links', () => {
    const text = `${formatOtpauthUri(ALICE)}\n\n# comment\n${formatOtpauthUri(BOB)}\n`;
    const found = fromText(text);
    expect(found.accounts.map((a) => [a.input.label, a.source])).toEqual([
      ['alice', 'text'],
      ['bob', 'text'],
    ]);
    expect(found.problems).toEqual([
      expect.objectContaining({
        code: 'URI_SCHEME',
        message: '1 of 3 lines are not otpauth:// or export links.',
      }),
    ]);
  });

  it('refuses a bare key (it has no name) and plain words, by code', () => {
    expect(fromText('2WCM LZQZ 25YY Q6Q5').problems[0]?.message).toMatch(/manual form/);
    expect(fromText('hello').problems[0]?.code).toBe('URI_SCHEME');
    expect(fromText('  ').problems[0]?.code).toBe('URI_SCHEME');
  });
});

describe('PendingImport', () => {
  it('adds the same account found twice only once, keeping where it was first found', () => {
    const pending = new PendingImport('p', 0);
    pending.add(fromQrTexts([formatOtpauthUri(ALICE)], 'one.png'));
    pending.add(fromQrTexts([formatOtpauthUri(ALICE), formatOtpauthUri(BOB)], 'two.png'));
    expect(pending.preview([]).items.map((i) => [i.key, i.label, i.source])).toEqual([
      ['1', 'alice', 'one.png'],
      ['2', 'bob', 'two.png'],
    ]);
  });

  it('keeps two accounts that share a name but not a secret (a re-registered device)', () => {
    const pending = new PendingImport('p', 0);
    pending.add(
      fromText(`${formatOtpauthUri(ALICE)}\n${formatOtpauthUri({ ...BOB, label: 'alice' })}`),
    );
    expect(pending.preview([]).items).toHaveLength(2);
  });

  it('tracks each export separately, and forgets "no code found" for a source scanned again', () => {
    const [a1, a2] = encodeMigrationUris([ALICE, BOB], { perBatch: 1, batchId: 7 });
    const [b1] = encodeMigrationUris([CAROL, ALICE, BOB], { perBatch: 1, batchId: 7 });
    const pending = new PendingImport('p', 0);
    pending.add(fromQrTexts([], 'screen'));
    pending.add(fromQrTexts([a2!], 'screen'));
    pending.add(fromQrTexts([b1!, a2!], 'phone.png'));
    const preview = pending.preview([]);
    expect(preview.problems).toEqual([]);
    expect(preview.google).toEqual([
      { id: 7, size: 2, scanned: [1] },
      { id: 7, size: 3, scanned: [0] },
    ]);
    pending.add(fromQrTexts([a1!], 'screen'));
    expect(pending.preview([]).google[0]).toEqual({ id: 7, size: 2, scanned: [0, 1] });
    expect(pending.preview([]).items.map((i) => i.label)).toEqual(['bob', 'carol', 'alice']);
  });

  it('reports a refused account of a batch scanned twice once', () => {
    const pending = new PendingImport('p', 0);
    pending.add(fromQrTexts([MD5_EXPORT], 'screen'));
    pending.add(fromQrTexts([MD5_EXPORT], 'export.png'));
    expect(pending.preview([]).problems).toHaveLength(1);
  });

  it('selects by key in the order found and refuses keys it does not hold', () => {
    const pending = new PendingImport('p', 0);
    pending.add(fromText(`${formatOtpauthUri(ALICE)}\n${formatOtpauthUri(BOB)}`));
    expect(pending.select(['2', '1', '2']).map((a) => a.label)).toEqual(['alice', 'bob']);
    expect(() => pending.select(['3'])).toThrow(/not part of this import/);
  });
});

describe('bgraToRgba', () => {
  it('swaps red and blue in place and leaves green and alpha', () => {
    const pixels = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...bgraToRgba(pixels)]).toEqual([3, 2, 1, 4, 7, 6, 5, 8]);
  });
});
