// Proves the verdict on a typed secret key: accepted in its usual written forms, or refused with the
// reason and the character to blame.
import { describe, expect, it } from 'vitest';
import { checkSecret } from '../../../renderer/features/accounts/model/secret-feedback';

describe('checkSecret', () => {
  it('accepts lower case, groups, hyphens, padding and ideographic spaces, giving the canonical key', () => {
    for (const input of [
      'JBSWY3DPEHPK3PXP',
      'jbsw y3dp ehpk 3pxp',
      'JBSW-Y3DP-EHPK-3PXP',
      'JBSW\u3000Y3DP\u3000EHPK\u30003PXP',
      ' JBSW\u00a0Y3DP EHPK 3PXP\n',
    ]) {
      expect(checkSecret(input), input).toEqual({
        ok: true,
        length: 16,
        canonical: 'JBSWY3DPEHPK3PXP',
      });
    }
    expect(checkSecret('MZXW6YTBOI======')).toEqual({
      ok: true,
      length: 10,
      canonical: 'MZXW6YTBOI',
    });
  });

  it('calls a key of nothing but spaces, hyphens and padding empty', () => {
    for (const input of ['', '   ', ' - ', '====', '\u3000']) {
      expect(checkSecret(input), JSON.stringify(input)).toEqual({ ok: false, key: 'empty' });
    }
  });

  it('names the digit that looks like a letter, with the letter it probably is', () => {
    expect(checkSecret('JBSWY3DPEHPK3PX0')).toEqual({
      ok: false,
      key: 'lookalike',
      char: '0',
      suggestion: 'letterO',
    });
    expect(checkSecret('1BSWY3DPEHPK3PXP')).toMatchObject({ suggestion: 'letterIorL' });
    expect(checkSecret('8BSWY3DPEHPK3PXP')).toMatchObject({ suggestion: 'letterB' });
    expect(checkSecret('9BSWY3DPEHPK3PXP')).toMatchObject({ suggestion: 'letterG' });
  });

  it('names the first character that cannot be in a key, full-width letters included', () => {
    expect(checkSecret('JBSW!0DPEHPK3PXP')).toEqual({ ok: false, key: 'badChar', char: '!' });
    expect(checkSecret('ＪＢＳＷＹ３ＤＰ')).toEqual({ ok: false, key: 'badChar', char: 'Ｊ' });
    expect(checkSecret('MZXW=6YTBOI')).toEqual({ ok: false, key: 'badChar', char: '=' });
    expect(checkSecret('JBSWあ')).toEqual({ ok: false, key: 'badChar', char: 'あ' });
  });

  it('names an invisible character by its code point', () => {
    expect(checkSecret('JBSW\u200bY3DPEHPK3PXP')).toEqual({
      ok: false,
      key: 'invisible',
      hex: '200B',
    });
    expect(checkSecret('JBSW\u00adY3DP')).toEqual({ ok: false, key: 'invisible', hex: '00AD' });
  });

  it('refuses a length no base32 encoder makes, with the count', () => {
    expect(checkSecret('A')).toEqual({ ok: false, key: 'length', count: 1 });
    expect(checkSecret('abc')).toEqual({ ok: false, key: 'length', count: 3 });
    expect(checkSecret('JBSW Y3')).toEqual({ ok: false, key: 'length', count: 6 });
  });
});
