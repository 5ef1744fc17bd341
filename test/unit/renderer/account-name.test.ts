// Proves how an account is named in toasts and dialog titles.
import { describe, expect, it } from 'vitest';
import { accountName } from '../../../renderer/features/accounts/model/account-name';

describe('accountName', () => {
  it('is "Issuer (account)" when both exist', () => {
    expect(accountName({ issuer: 'GitHub', label: 'alice@example.com' })).toBe(
      'GitHub (alice@example.com)',
    );
    expect(accountName({ issuer: 'アマゾン', label: 'ルート' })).toBe('アマゾン (ルート)');
  });

  it('is whichever one exists, or empty when neither does', () => {
    expect(accountName({ issuer: 'GitHub', label: '' })).toBe('GitHub');
    expect(accountName({ issuer: '', label: 'root' })).toBe('root');
    expect(accountName({ issuer: '', label: '' })).toBe('');
  });
});
