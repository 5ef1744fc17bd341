// Where the vault lives: Electron's userData folder for "Authdesk" on each OS, and the overrides.
import { describe, expect, it } from 'vitest';
import { defaultVaultPath, resolveVaultPath } from '../../electron/use-cases/vault-path';

describe('defaultVaultPath', () => {
  it('is ~/.config/Authdesk/vault.json on Linux, or under an absolute XDG_CONFIG_HOME', () => {
    expect(defaultVaultPath({}, 'linux', '/home/ann')).toBe(
      '/home/ann/.config/Authdesk/vault.json',
    );
    expect(defaultVaultPath({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ann')).toBe(
      '/cfg/Authdesk/vault.json',
    );
    expect(defaultVaultPath({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/ann')).toBe(
      '/home/ann/.config/Authdesk/vault.json',
    );
  });

  it('is ~/Library/Application Support/Authdesk/vault.json on macOS', () => {
    expect(defaultVaultPath({ XDG_CONFIG_HOME: '/cfg' }, 'darwin', '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Authdesk/vault.json',
    );
  });

  it('is %APPDATA%\\Authdesk\\vault.json on Windows', () => {
    expect(
      defaultVaultPath({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann'),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\Authdesk\\vault.json');
    expect(defaultVaultPath({}, 'win32', 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Authdesk\\vault.json',
    );
  });

  it('uses the real environment by default', () => {
    expect(defaultVaultPath()).toMatch(/Authdesk[\\/]vault\.json$/);
  });
});

describe('resolveVaultPath', () => {
  const base = { platform: 'linux' as const, home: '/home/ann', cwd: '/work' };

  it('prefers --vault, then AUTHDESK_VAULT, then the default', () => {
    const env = { AUTHDESK_VAULT: '/env/vault.json' };
    expect(resolveVaultPath({ ...base, flag: '/flag/v.json', env })).toBe('/flag/v.json');
    expect(resolveVaultPath({ ...base, env })).toBe('/env/vault.json');
    expect(resolveVaultPath({ ...base, env: {} })).toBe('/home/ann/.config/Authdesk/vault.json');
    expect(resolveVaultPath({ ...base, flag: '', env: { AUTHDESK_VAULT: '' } })).toBe(
      '/home/ann/.config/Authdesk/vault.json',
    );
  });

  it('makes relative paths absolute and expands a leading ~', () => {
    expect(resolveVaultPath({ ...base, flag: 'team/v.json', env: {} })).toBe('/work/team/v.json');
    expect(resolveVaultPath({ ...base, flag: '~/v.json', env: {} })).toBe('/home/ann/v.json');
    expect(resolveVaultPath({ ...base, flag: '~other/v.json', env: {} })).toBe(
      '/work/~other/v.json',
    );
    expect(
      resolveVaultPath({
        platform: 'win32',
        home: 'C:\\Users\\ann',
        cwd: 'D:\\',
        flag: '~\\v.json',
        env: {},
      }),
    ).toBe('C:\\Users\\ann\\v.json');
  });
});
