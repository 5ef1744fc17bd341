// The add-account form as data: its fields, the checks run as the user types, and the AccountInput it makes.
import {
  DEFAULT_OTP,
  STEAM_OTP,
  type AccountInput,
  type Algorithm,
  type OtpType,
} from '../../../../shared/account';
import { OTP_LIMITS } from '../../../../shared/otp';
import { checkSecret, type SecretFeedback } from './secret-feedback';

export interface AccountForm {
  issuer: string;
  label: string;
  secret: string;
  type: OtpType;
  algorithm: Algorithm;
  digits: number;
  /** Kept as typed so that a half-typed number is not rewritten under the cursor. */
  period: string;
  counter: string;
}

export const EMPTY_FORM: AccountForm = {
  issuer: '',
  label: '',
  secret: '',
  type: DEFAULT_OTP.type,
  algorithm: DEFAULT_OTP.algorithm,
  digits: DEFAULT_OTP.digits,
  period: String(DEFAULT_OTP.period),
  counter: String(DEFAULT_OTP.counter),
};

export function formFromInput(input: AccountInput): AccountForm {
  return {
    issuer: input.issuer,
    label: input.label,
    secret: input.secret,
    type: input.type,
    algorithm: input.algorithm,
    digits: input.digits,
    period: String(input.period),
    counter: String(input.counter),
  };
}

export interface FormProblems {
  name: boolean;
  secret: SecretFeedback;
  period: boolean;
  counter: boolean;
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*\d{1,16}\s*$/.test(text)) return null;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

export function checkForm(form: AccountForm): FormProblems {
  return {
    name: form.issuer.trim() === '' && form.label.trim() === '',
    secret: checkSecret(form.secret),
    period:
      form.type === 'totp' &&
      wholeNumber(form.period, OTP_LIMITS.minPeriod, OTP_LIMITS.maxPeriod) === null,
    counter:
      form.type === 'hotp' && wholeNumber(form.counter, 0, Number.MAX_SAFE_INTEGER - 1) === null,
  };
}

export function hasProblems(problems: FormProblems): boolean {
  return problems.name || !problems.secret.ok || problems.period || problems.counter;
}

/** The account to send to main; call only when checkForm found nothing. */
export function inputFromForm(form: AccountForm, canonicalSecret: string): AccountInput {
  const base = { issuer: form.issuer.trim(), label: form.label.trim(), secret: canonicalSecret };
  if (form.type === 'steam') {
    return { ...base, ...STEAM_OTP };
  }
  return {
    ...base,
    type: form.type,
    algorithm: form.algorithm,
    digits: form.digits,
    period: form.type === 'totp' ? Number(form.period.trim()) : DEFAULT_OTP.period,
    counter: form.type === 'hotp' ? Number(form.counter.trim()) : 0,
  };
}
