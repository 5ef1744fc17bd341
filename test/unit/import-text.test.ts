// Proves pasted text is recognised as a key URI, an export link or a bare key, and anything else is a typed error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthdeskError, isErrorCode } from '../../shared/errors';
import { parseAccountText } from '../../shared/import-text';
import { errorOf } from '../harness/typed-errors';

const EXPORT_LINK =
  'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';

describe('parseAccountText', () => {
  it('recognises an otpauth:// URI, even with surrounding whitespace', () => {
    const parsed = parseAccountText(
      '\n otpauth://totp/AWS:root?secret=JBSWY3DPEHPK3PXP&issuer=AWS \n',
    );
    expect(parsed).toEqual({
      kind: 'uri',
      account: {
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        secret: 'JBSWY3DPEHPK3PXP',
        issuer: 'AWS',
        label: 'root',
      },
    });
  });

  it('recognises a Google Authenticator export link and decodes its accounts', () => {
    const parsed = parseAccountText(EXPORT_LINK);
    expect(parsed.kind).toBe('migration');
    if (parsed.kind !== 'migration') return;
    expect(parsed.result.accounts.map((a) => [a.issuer, a.label, a.secret])).toEqual([
      ['Example', 'alice@google.com', 'JBSWY3DPEHPK3PXP'],
    ]);
  });

  it('recognises a bare secret key, as AWS shows it or grouped in lower case as Google shows it', () => {
    expect(parseAccountText('2WCMLZQZ25YYQ6Q5')).toEqual({
      kind: 'secret',
      secret: '2WCMLZQZ25YYQ6Q5',
    });
    expect(parseAccountText(' jbsw y3dp ehpk 3pxp ')).toEqual({
      kind: 'secret',
      secret: 'JBSWY3DPEHPK3PXP',
    });
    const aws = 'MZXW6YTBOI'.repeat(6) + 'MZXW';
    expect(parseAccountText(aws)).toEqual({ kind: 'secret', secret: aws });
  });

  it('passes on the typed error of a broken URI or export link instead of guessing', () => {
    expect(errorOf(() => parseAccountText('otpauth://totp/%2?secret=s')).code).toBe(
      'URI_MALFORMED',
    );
    expect(errorOf(() => parseAccountText('otpauth://totp/a')).code).toBe('SECRET_MISSING');
    expect(errorOf(() => parseAccountText('otpauth-migration://offline?data=')).code).toBe(
      'MIGRATION_MALFORMED',
    );
  });

  it('names the bad character when a key has a typo such as a zero for the letter O', () => {
    const error = errorOf(() => parseAccountText('jbsw y3dp ehpk 3px0'));
    expect(error.code).toBe('SECRET_INVALID');
    expect(error.message).toContain('"0"');
  });

  it('refuses empty text, sentences, short words and web links with URI_SCHEME', () => {
    for (const text of [
      '',
      '   ',
      'hello',
      'Meeting at 10 in room 2001 tomorrow',
      'https://aws.amazon.com/iam/',
    ]) {
      expect(errorOf(() => parseAccountText(text)).code).toBe('URI_SCHEME');
    }
  });

  it('throws nothing but AuthdeskError for arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.string({ unit: fc.constantFrom('A', 'b', '2', '7', '0', '1', ' ', '-', '=') }),
          fc.string().map((s) => `otpauth://totp/${s}`),
          fc.string().map((s) => `otpauth-migration://offline?data=${s}`),
          fc
            .uint8Array({ maxLength: 200 })
            .map((b) => `otpauth-migration://offline?data=${Buffer.from(b).toString('base64')}`),
        ),
        (text) => {
          try {
            parseAccountText(text);
          } catch (error) {
            if (!(error instanceof AuthdeskError)) throw error;
            expect(isErrorCode(error.code)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
