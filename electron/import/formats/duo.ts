// Duo Mobile's account list, `accounts.json` (Android: /data/data/com.duosecurity.duomobile/files/duokit/,
// copied off a rooted phone or out of a device backup), as Aegis' DuoImporter reads it: a JSON list of
// accounts, each with `name`, `accountType` and an `otpGenerator` of `otpSecret` (base32) and, for
// HOTP, `counter`. Codes are SHA1, 6 digits, 30 s. Duo-protected accounts (Duo Push) carry no
// `otpGenerator`: they are named as problems, since their sign-ins are approved on the phone.
import { AuthdeskError } from '../../../shared/errors';
import { readEntryList } from './entries';
import { isRecord } from './file-text';
import type { OpenedFile } from './opened-file';

/** A list whose first item is a Duo account: an `otpGenerator` object, or Duo's `accountType` and `pkey`. */
export function looksLikeDuo(value: unknown[]): boolean {
  const first: unknown = value[0];
  return (
    isRecord(first) && (isRecord(first.otpGenerator) || ('accountType' in first && 'pkey' in first))
  );
}

export function openDuo(entries: unknown[], source: string): OpenedFile {
  return {
    format: 'duo',
    encrypted: false,
    read: async () =>
      readEntryList(entries, source, {
        names: (entry) => ({ issuer: '', label: entry.name }),
        fields(entry) {
          const otp = entry.otpGenerator;
          if (!isRecord(otp)) {
            throw new AuthdeskError(
              'ACCOUNT_PUSH_ONLY',
              'This Duo account has no code generator (a Duo Push account): its sign-ins are approved in Duo Mobile on the phone, and it holds no secret other apps can use.',
            );
          }
          const hotp = otp.counter !== undefined && otp.counter !== null;
          return { type: hotp ? 'hotp' : 'totp', secret: otp.otpSecret, counter: otp.counter };
        },
      }),
  };
}
