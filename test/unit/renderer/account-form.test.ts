// Proves the add-account form's checks and the account it makes: trimmed names, whole numbers in range,
// Steam's fixed parameters, and the full-width input a Japanese keyboard produces.
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/account';
import {
  EMPTY_FORM,
  checkForm,
  formFromInput,
  hasProblems,
  inputFromForm,
  type AccountForm,
} from '../../../renderer/features/accounts/model/account-form';

const SECRET = 'JBSWY3DPEHPK3PXP';
const valid: AccountForm = { ...EMPTY_FORM, issuer: 'GitHub', label: 'alice', secret: SECRET };

describe('EMPTY_FORM', () => {
  it('starts as a 6-digit, 30-second SHA-1 TOTP account with nothing typed', () => {
    expect(EMPTY_FORM).toEqual({
      issuer: '',
      label: '',
      secret: '',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: '30',
      counter: '0',
    });
  });
});

describe('formFromInput and inputFromForm', () => {
  it('round-trip a TOTP and an HOTP account unchanged', () => {
    const accounts: AccountInput[] = [
      {
        issuer: 'AWS',
        label: 'root',
        secret: SECRET,
        type: 'totp',
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
        counter: 0,
      },
      {
        issuer: 'Bank',
        label: '',
        secret: SECRET,
        type: 'hotp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 42,
      },
    ];
    for (const input of accounts) {
      const form = formFromInput(input);
      expect(form.period).toBe(String(input.period));
      expect(form.counter).toBe(String(input.counter));
      expect(inputFromForm(form, SECRET)).toEqual(input);
    }
  });
});

describe('checkForm', () => {
  it('finds nothing wrong with a named account and a valid key', () => {
    const problems = checkForm(valid);
    expect(problems).toMatchObject({ name: false, period: false, counter: false });
    expect(problems.secret).toEqual({ ok: true, length: 16, canonical: SECRET });
    expect(hasProblems(problems)).toBe(false);
  });

  it('needs an issuer or an account name; either alone is enough', () => {
    expect(checkForm({ ...valid, issuer: '', label: '' }).name).toBe(true);
    expect(checkForm({ ...valid, issuer: 'GitHub', label: '' }).name).toBe(false);
    expect(checkForm({ ...valid, issuer: '', label: 'alice' }).name).toBe(false);
  });

  it('counts names of spaces only as empty, full-width (ideographic) spaces included', () => {
    expect(checkForm({ ...valid, issuer: '   ', label: '\t' }).name).toBe(true);
    expect(checkForm({ ...valid, issuer: '\u3000\u3000', label: '' }).name).toBe(true);
    expect(checkForm({ ...valid, issuer: '\u3000アマゾン\u3000', label: '' }).name).toBe(false);
  });

  it('passes the secret key check through (empty, a lookalike digit)', () => {
    expect(checkForm({ ...valid, secret: '' }).secret).toEqual({ ok: false, key: 'empty' });
    expect(checkForm({ ...valid, secret: 'JBSWY3DPEHPK3PX0' }).secret).toMatchObject({
      ok: false,
      key: 'lookalike',
      char: '0',
    });
    expect(hasProblems(checkForm({ ...valid, secret: '' }))).toBe(true);
  });

  it('takes a TOTP period from 1 second to one day, as typed with spaces around it', () => {
    for (const period of ['1', '30', ' 60 ', '86400']) {
      expect(checkForm({ ...valid, period }).period, period).toBe(false);
    }
  });

  it('refuses a period that is empty, zero, over a day, signed, fractional or not a plain number', () => {
    for (const period of [
      '',
      ' ',
      '0',
      '86401',
      '-30',
      '+30',
      '30.5',
      '1e3',
      '0x1e',
      '30s',
      '3 0',
    ]) {
      expect(checkForm({ ...valid, period }).period, period).toBe(true);
    }
    expect(hasProblems(checkForm({ ...valid, period: '0' }))).toBe(true);
  });

  it('refuses full-width digits (３０) in the period: only ASCII digits are read', () => {
    expect(checkForm({ ...valid, period: '３０' }).period).toBe(true);
  });

  it('checks the period only for TOTP, and the counter only for HOTP', () => {
    expect(checkForm({ ...valid, type: 'hotp', period: 'x', counter: '0' }).period).toBe(false);
    expect(checkForm({ ...valid, type: 'steam', period: 'x' }).period).toBe(false);
    expect(checkForm({ ...valid, type: 'totp', counter: 'x' }).counter).toBe(false);
  });

  it('takes an HOTP counter from 0 to the largest safe integer below 2^53 − 1', () => {
    const hotp = { ...valid, type: 'hotp' as const };
    for (const counter of ['0', ' 7 ', String(Number.MAX_SAFE_INTEGER - 1)]) {
      expect(checkForm({ ...hotp, counter }).counter, counter).toBe(false);
    }
    for (const counter of ['', '-1', '1.5', String(Number.MAX_SAFE_INTEGER), '12345678901234567']) {
      expect(checkForm({ ...hotp, counter }).counter, counter).toBe(true);
    }
  });
});

describe('hasProblems', () => {
  it('is true when any one check fails, and only then', () => {
    const clean = checkForm(valid);
    expect(hasProblems(clean)).toBe(false);
    expect(hasProblems({ ...clean, name: true })).toBe(true);
    expect(hasProblems({ ...clean, period: true })).toBe(true);
    expect(hasProblems({ ...clean, counter: true })).toBe(true);
    expect(hasProblems({ ...clean, secret: { ok: false, key: 'empty' } })).toBe(true);
  });
});

describe('inputFromForm', () => {
  it('trims the names and uses the canonical key it is given, not the typed one', () => {
    const input = inputFromForm(
      { ...valid, issuer: '  GitHub ', label: '\u3000alice\u3000', secret: 'jbsw y3dp ehpk 3pxp' },
      SECRET,
    );
    expect(input).toMatchObject({ issuer: 'GitHub', label: 'alice', secret: SECRET });
  });

  it("gives a Steam account Steam's fixed parameters, whatever the advanced fields say", () => {
    const input = inputFromForm(
      { ...valid, type: 'steam', algorithm: 'SHA512', digits: 8, period: '60', counter: '9' },
      SECRET,
    );
    expect(input).toEqual({
      issuer: 'GitHub',
      label: 'alice',
      secret: SECRET,
      type: 'steam',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: 0,
    });
  });

  it('reads the typed period for TOTP and the counter for HOTP, with defaults for the other', () => {
    expect(inputFromForm({ ...valid, period: ' 60 ', counter: '9' }, SECRET)).toMatchObject({
      period: 60,
      counter: 0,
    });
    expect(
      inputFromForm({ ...valid, type: 'hotp', period: '60', counter: ' 9 ' }, SECRET),
    ).toMatchObject({ period: 30, counter: 9 });
  });
});
