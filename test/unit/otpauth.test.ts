// Proves otpauth:// parsing and writing: real-world variants, crash regressions, round trips and fuzzing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../shared/account';
import { encodeBase32 } from '../../shared/base32';
import {
  formatOtpauthUri,
  looksLikeBareSecret,
  normalizeName,
  parseOtpauthUri,
} from '../../shared/otpauth';
import { errorOf, expectOnlyAuthdeskErrors } from '../harness/typed-errors';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('parseOtpauthUri: what services and scanners produce', () => {
  it('reads a complete TOTP URI', () => {
    expect(
      parseOtpauthUri(
        'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60',
      ),
    ).toEqual({
      type: 'totp',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      counter: 0,
      secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
      issuer: 'ACME Co',
      label: 'john.doe@email.com',
    });
  });

  it('uses SHA1, 6 digits and 30 seconds when the parameters are missing', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${SECRET}`)).toMatchObject({
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      issuer: '',
      label: 'alice',
    });
  });

  it('accepts a lower-case, spaced and padded secret', () => {
    const account = parseOtpauthUri('otpauth://totp/a?secret=mzxw%206ytb%20oi======');
    expect(account.secret).toBe('MZXW6YTBOI');
    expect(parseOtpauthUri('otpauth://totp/a?secret=mzxw+6ytb+oi').secret).toBe('MZXW6YTBOI');
  });

  it('splits the issuer prefix at ":" or at an encoded %3A', () => {
    for (const sep of [':', '%3A', '%3a']) {
      expect(
        parseOtpauthUri(`otpauth://totp/Example${sep}alice@example.com?secret=${SECRET}`),
      ).toMatchObject({
        issuer: 'Example',
        label: 'alice@example.com',
      });
    }
  });

  it('takes the issuer from the prefix when the issuer parameter is missing, and from the parameter when there is no prefix', () => {
    expect(
      parseOtpauthUri(`otpauth://totp/Amazon%20Web%20Services:root?secret=${SECRET}`),
    ).toMatchObject({
      issuer: 'Amazon Web Services',
      label: 'root',
    });
    expect(parseOtpauthUri(`otpauth://totp/root?secret=${SECRET}&issuer=AWS`)).toMatchObject({
      issuer: 'AWS',
      label: 'root',
    });
  });

  it('lets the issuer prefix win when it disagrees with the issuer parameter', () => {
    expect(
      parseOtpauthUri(`otpauth://totp/Google:alice?secret=${SECRET}&issuer=Gmail`),
    ).toMatchObject({
      issuer: 'Google',
      label: 'alice',
    });
  });

  it('trims surrounding whitespace and spaces after the colon, and accepts an upper-case scheme and type', () => {
    expect(
      parseOtpauthUri(`  \n OTPAUTH://TOTP/ACME:%20alice?SECRET=${SECRET}&Issuer=ACME \t\n`),
    ).toMatchObject({
      type: 'totp',
      issuer: 'ACME',
      label: 'alice',
      secret: SECRET,
    });
  });

  it("reads '+' in a parameter as a space, as URLSearchParams writes it, but keeps '+' in the label", () => {
    expect(parseOtpauthUri(`otpauth://totp/a+b?secret=${SECRET}&issuer=ACME+Co`)).toMatchObject({
      issuer: 'ACME Co',
      label: 'a+b',
    });
  });

  it('reads HOTP with its counter, and a missing counter as 0', () => {
    expect(parseOtpauthUri(`otpauth://hotp/ACME:bob?secret=${SECRET}&counter=42`)).toMatchObject({
      type: 'hotp',
      counter: 42,
      period: 30,
    });
    expect(parseOtpauthUri(`otpauth://hotp/ACME:bob?secret=${SECRET}`).counter).toBe(0);
  });

  it('reads Steam from otpauth://steam/ and from encoder=steam as 5-character SHA1 codes every 30 s', () => {
    const expected = {
      type: 'steam',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      issuer: 'Steam',
      label: 'gaben',
    };
    expect(parseOtpauthUri(`otpauth://steam/Steam:gaben?secret=${SECRET}`)).toMatchObject(expected);
    expect(
      parseOtpauthUri(
        `otpauth://totp/Steam:gaben?secret=${SECRET}&issuer=Steam&digits=5&encoder=steam`,
      ),
    ).toMatchObject(expected);
    expect(
      parseOtpauthUri(`otpauth://totp/Steam:gaben?secret=${SECRET}&encoder=STEAM&period=60`),
    ).toMatchObject(expected);
  });

  it('ignores unknown parameters, a fragment, and broken escapes in parameters it does not read', () => {
    expect(
      parseOtpauthUri(
        `otpauth://totp/a?secret=${SECRET}&image=https%3A%2F%2Fx%2Fy.png&junk=%zz#frag`,
      ).secret,
    ).toBe(SECRET);
  });
});

describe('parseOtpauthUri: inputs that crashed other apps give typed errors', () => {
  it('otpauth://totp/%2?secret=s → URI_MALFORMED (broken percent-encoding)', () => {
    const error = errorOf(() => parseOtpauthUri('otpauth://totp/%2?secret=s'));
    expect(error.code).toBe('URI_MALFORMED');
    expect(error.message).toContain('%2');
  });

  it('otpauth://totp/?secret=JBSWY3DPEHPK3PXP is accepted with an empty account name and issuer', () => {
    expect(parseOtpauthUri('otpauth://totp/?secret=JBSWY3DPEHPK3PXP')).toMatchObject({
      issuer: '',
      label: '',
      secret: SECRET,
    });
    expect(parseOtpauthUri('otpauth://totp?secret=JBSWY3DPEHPK3PXP').label).toBe('');
  });

  it('a label with a raw newline → LABEL_INVALID, and so does an encoded one', () => {
    expect(
      errorOf(() => parseOtpauthUri(`otpauth://totp/ACME:ali\nce?secret=${SECRET}`)).code,
    ).toBe('LABEL_INVALID');
    expect(
      errorOf(() => parseOtpauthUri(`otpauth://totp/ACME:ali%0Ace?secret=${SECRET}`)).code,
    ).toBe('LABEL_INVALID');
    expect(
      errorOf(() => parseOtpauthUri(`otpauth://totp/x?secret=${SECRET}&issuer=AC%0DME`)).code,
    ).toBe('LABEL_INVALID');
  });

  it('a bare secret pasted where a URI was expected → URI_SCHEME that says it looks like a secret key', () => {
    const error = errorOf(() => parseOtpauthUri('2WCMLZQZ25YYQ6Q5'));
    expect(error.code).toBe('URI_SCHEME');
    expect(error.message).toMatch(/secret key/i);
  });
});

describe('parseOtpauthUri: every failure has its own code', () => {
  const cases: [string, string][] = [
    ['https://example.com/?secret=JBSWY3DPEHPK3PXP', 'URI_SCHEME'],
    ['hello world', 'URI_SCHEME'],
    ['', 'URI_SCHEME'],
    ['otpauth-migration://offline?data=AAAA', 'URI_SCHEME'],
    ['otpauth:totp/a?secret=JBSWY3DPEHPK3PXP', 'URI_MALFORMED'],
    ['otpauth://totp/a%E0%A4%A?secret=JBSWY3DPEHPK3PXP', 'URI_MALFORMED'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PX%', 'URI_MALFORMED'],
    ['otpauth://motp/a?secret=JBSWY3DPEHPK3PXP', 'URI_TYPE'],
    ['otpauth:///a?secret=JBSWY3DPEHPK3PXP', 'URI_TYPE'],
    ['otpauth://totp/a', 'SECRET_MISSING'],
    ['otpauth://totp/a?secret=', 'SECRET_MISSING'],
    ['otpauth://totp/a?issuer=x', 'SECRET_MISSING'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PX1', 'SECRET_INVALID'],
    ['otpauth://totp/a?secret=s', 'SECRET_INVALID'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'ALGORITHM_UNSUPPORTED'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=9', 'DIGITS_INVALID'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=5', 'DIGITS_INVALID'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=six', 'DIGITS_INVALID'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=0', 'PERIOD_INVALID'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=-30', 'PERIOD_INVALID'],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=1e3', 'PERIOD_INVALID'],
    ['otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=-1', 'COUNTER_INVALID'],
    ['otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=99999999999999999', 'COUNTER_INVALID'],
    [`otpauth://totp/${'x'.repeat(257)}?secret=JBSWY3DPEHPK3PXP`, 'LABEL_INVALID'],
    ['otpauth://totp/a%E2%80%AEb?secret=JBSWY3DPEHPK3PXP', 'LABEL_INVALID'],
  ];
  it.each(cases)('%s → %s', (uri, code) => {
    const error = errorOf(() => parseOtpauthUri(uri));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^[A-Z"]/);
  });

  it('accepts SHA-256 and hmac-sha512 spellings of the algorithm', () => {
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${SECRET}&algorithm=sha-256`).algorithm).toBe(
      'SHA256',
    );
    expect(
      parseOtpauthUri(`otpauth://totp/a?secret=${SECRET}&algorithm=HmacSHA512`).algorithm,
    ).toBe('SHA512');
  });
});

describe('looksLikeBareSecret and normalizeName', () => {
  it('recognises keys of 16 or more base32 characters, however grouped, and nothing shorter or non-base32', () => {
    expect(looksLikeBareSecret('2WCMLZQZ25YYQ6Q5')).toBe(true);
    expect(looksLikeBareSecret('jbsw y3dp ehpk 3pxp')).toBe(true);
    expect(looksLikeBareSecret('HELLO')).toBe(false);
    expect(looksLikeBareSecret('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP')).toBe(false);
    expect(looksLikeBareSecret('JBSWY3DPEHPK3PX0')).toBe(false);
  });

  it('trims names, keeps up to 256 characters (counting code points) and refuses control characters', () => {
    expect(normalizeName('  ACME  ', 'issuer')).toBe('ACME');
    expect(normalizeName('😀'.repeat(256), 'label')).toHaveLength(512);
    expect(errorOf(() => normalizeName('😀'.repeat(257), 'label')).code).toBe('LABEL_INVALID');
    expect(errorOf(() => normalizeName('a\u0000b', 'label')).code).toBe('LABEL_INVALID');
    expect(errorOf(() => normalizeName('a\ud800b', 'label')).code).toBe('LABEL_INVALID');
  });
});

describe('formatOtpauthUri', () => {
  const base: AccountInput = {
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: SECRET,
    issuer: 'ACME Co',
    label: 'alice@example.com',
  };

  it('writes the Key Uri Format with the issuer both as prefix and as parameter', () => {
    expect(formatOtpauthUri(base)).toBe(
      'otpauth://totp/ACME%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('writes HOTP with its counter and no period', () => {
    const uri = formatOtpauthUri({ ...base, type: 'hotp', counter: 7 });
    expect(uri).toMatch(/^otpauth:\/\/hotp\//);
    expect(uri).toContain('&counter=7');
    expect(uri).not.toContain('period=');
  });

  it('writes Steam as otpauth://totp/Steam:…&encoder=steam', () => {
    const uri = formatOtpauthUri({
      ...base,
      type: 'steam',
      digits: 5,
      issuer: 'Steam',
      label: 'gaben',
    });
    expect(uri).toBe(
      'otpauth://totp/Steam:gaben?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30&encoder=steam',
    );
  });

  it('escapes every character that would change the structure of the URI', () => {
    const uri = formatOtpauthUri({ ...base, issuer: 'A&B?C#D/E%F:G', label: 'x=1&secret=AAAA' });
    const [path, query] = uri.slice('otpauth://totp/'.length).split('?');
    expect(path).not.toMatch(/[&?#/=]/);
    expect(query!.split('&').map((p) => p.split('=')[0])).toEqual([
      'secret',
      'issuer',
      'algorithm',
      'digits',
      'period',
    ]);
    expect(parseOtpauthUri(uri)).toMatchObject({
      issuer: 'A&B?C#D/E%F:G',
      label: 'x=1&secret=AAAA',
      secret: SECRET,
    });
  });

  it('refuses an account it cannot write with the typed error of the bad field', () => {
    expect(errorOf(() => formatOtpauthUri({ ...base, label: 'a\nb' })).code).toBe('LABEL_INVALID');
    expect(errorOf(() => formatOtpauthUri({ ...base, secret: 'abc!' })).code).toBe(
      'SECRET_INVALID',
    );
    expect(errorOf(() => formatOtpauthUri({ ...base, digits: 10 })).code).toBe('DIGITS_INVALID');
  });
});

// Names as users have them: any printable Unicode, with the characters that matter to URIs
// (and Japanese) made frequent; trimmed and capped as the app keeps them.
const UNSAFE = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;
const nameArb = fc.oneof(
  { arbitrary: fc.constant(''), weight: 1 },
  {
    arbitrary: fc
      .string({
        unit: fc.oneof(
          fc.constantFrom(
            ':',
            '?',
            '&',
            '%',
            '#',
            '/',
            '+',
            '=',
            ' ',
            '@',
            '%3A',
            '日本',
            'アカウント',
          ),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        ),
        minLength: 1,
        maxLength: 40,
      })
      .map((s) => [...s.replace(UNSAFE, '').trim()].slice(0, 256).join('').trim()),
    weight: 5,
  },
);

const validAccountArb: fc.Arbitrary<AccountInput> = fc
  .record({
    type: fc.constantFrom('totp', 'hotp', 'steam'),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.integer({ min: 1, max: 86_400 }),
    counter: fc.nat({ max: Number.MAX_SAFE_INTEGER - 1 }),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }).map(encodeBase32),
    issuer: nameArb,
    label: nameArb,
  })
  .map((a): AccountInput => {
    // The canonical form of each type: fields a type does not use hold their defaults.
    if (a.type === 'steam') return { ...a, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };
    if (a.type === 'hotp') return { ...a, period: 30 };
    return { ...a, counter: 0 };
  });

describe('properties', () => {
  it('formatOtpauthUri → parseOtpauthUri round-trips every valid account', () => {
    fc.assert(
      fc.property(validAccountArb, (account) => {
        expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips the tricky names explicitly: colons in issuer and label, empty issuer, empty both', () => {
    const base = {
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      secret: SECRET,
    } as const;
    for (const [issuer, label] of [
      ['a:b', 'c:d'],
      ['', 'c:d'],
      ['', ':x'],
      ['a', ''],
      ['', ''],
      ['%3A', '%'],
      ['日本:銀行', 'ユーザー'],
    ]) {
      expect(
        parseOtpauthUri(formatOtpauthUri({ ...base, issuer: issuer!, label: label! })),
      ).toEqual({
        ...base,
        issuer,
        label,
      });
    }
  });

  it('throws nothing but AuthdeskError for arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        (text) => {
          expectOnlyAuthdeskErrors(() => parseOtpauthUri(text));
          expectOnlyAuthdeskErrors(() => parseOtpauthUri(`otpauth://totp/${text}`));
          expectOnlyAuthdeskErrors(() => parseOtpauthUri(`otpauth://totp/x?secret=${text}`));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('throws nothing but AuthdeskError for URI-shaped inputs built from hostile parts', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '%',
        '%2',
        '%zz',
        '%E0%A4',
        '%0A',
        '\n',
        ':',
        '%3A',
        '?',
        '&',
        '=',
        '#',
        '+',
        '\ud800',
      ),
    );
    const uriArb = fc
      .record({
        scheme: fc.constantFrom(
          'otpauth://',
          'OTPAUTH://',
          'otpauth:',
          'otpauth:/',
          'otpauth-migration://',
        ),
        type: fc.oneof(fc.constantFrom('totp', 'hotp', 'steam', 'TOTP', ''), fc.string()),
        label: fc.array(piece, { maxLength: 5 }).map((parts) => parts.join('')),
        params: fc.array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom(
                'secret',
                'issuer',
                'algorithm',
                'digits',
                'period',
                'counter',
                'encoder',
              ),
              fc.string(),
            ),
            fc.oneof(
              piece,
              fc.constantFrom(SECRET, 'SHA256', 'MD5', '8', '0', '-1', '1e9', 'steam', ''),
            ),
          ),
          { maxLength: 6 },
        ),
      })
      .map(
        ({ scheme, type, label, params }) =>
          `${scheme}${type}/${label}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`,
      );
    fc.assert(
      fc.property(uriArb, (uri) => expectOnlyAuthdeskErrors(() => parseOtpauthUri(uri))),
      { numRuns: 2000 },
    );
  });

  it('throws nothing but AuthdeskError for valid URIs with a character inserted, deleted or replaced', () => {
    fc.assert(
      fc.property(
        validAccountArb,
        fc.nat(),
        fc.constantFrom('insert', 'delete', 'replace'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
        (account, at, edit, text) => {
          const uri = formatOtpauthUri(account);
          const i = at % (uri.length + 1);
          const mutated =
            edit === 'insert'
              ? uri.slice(0, i) + text + uri.slice(i)
              : edit === 'delete'
                ? uri.slice(0, i) + uri.slice(i + 1)
                : uri.slice(0, i) + text + uri.slice(i + 1);
          expectOnlyAuthdeskErrors(() => parseOtpauthUri(mutated));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
