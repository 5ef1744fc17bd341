// Account metadata for the renderer's model tests: only what a test names differs from a plain TOTP account.
import type { AccountMeta } from '../../../shared/account';

export function meta(fields: Partial<AccountMeta> & { id: string }): AccountMeta {
  return {
    issuer: '',
    label: '',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    createdAt: '2025-01-15T09:00:00.000Z',
    updatedAt: '2025-01-15T09:00:00.000Z',
    ...fields,
  };
}
