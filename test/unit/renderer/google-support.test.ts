// Proves the renderer's reasons Google Authenticator cannot take an account, and that they are the same
// rules as the exporter's (shared/migration.ts), which answers in English sentences instead of keys.
import { describe, expect, it } from 'vitest';
import { ALGORITHMS, OTP_TYPES } from '../../../shared/account';
import { migrationUnsupportedReason } from '../../../shared/migration';
import { googleLimit } from '../../../renderer/features/backup-export/model/google-support';
import { meta } from './accounts';

describe('googleLimit', () => {
  it('lets 6- and 8-digit TOTP accounts of 30 seconds and HOTP accounts through', () => {
    expect(googleLimit(meta({ id: 'a', digits: 6 }))).toBeNull();
    expect(googleLimit(meta({ id: 'b', digits: 8, algorithm: 'SHA512' }))).toBeNull();
    expect(googleLimit(meta({ id: 'c', type: 'hotp', period: 60 }))).toBeNull();
  });

  it('names the first reason: Steam, then the digits, then the period', () => {
    expect(googleLimit(meta({ id: 's', type: 'steam', digits: 5 }))).toBe('steam');
    expect(googleLimit(meta({ id: 'd', digits: 7, period: 60 }))).toBe('digits');
    expect(googleLimit(meta({ id: 'h', type: 'hotp', digits: 7 }))).toBe('digits');
    expect(googleLimit(meta({ id: 'p', period: 60 }))).toBe('period');
    expect(googleLimit(meta({ id: 'q', period: 15 }))).toBe('period');
  });

  it('refuses exactly the accounts the Google exporter refuses', () => {
    for (const type of OTP_TYPES) {
      for (const algorithm of ALGORITHMS) {
        for (const digits of [5, 6, 7, 8]) {
          for (const period of [1, 29, 30, 31, 60]) {
            const account = meta({ id: 'x', type, algorithm, digits, period });
            const reason = migrationUnsupportedReason({ ...account, secret: 'JBSWY3DPEHPK3PXP' });
            expect(googleLimit(account) === null, JSON.stringify(account)).toBe(reason === null);
          }
        }
      }
    }
  });
});
