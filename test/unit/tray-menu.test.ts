// The tray's menu as data: what it lists locked, unlocked and before a vault exists, in English and
// Japanese; which accounts (pinned, then recent, capped); labels Electron shows as written; and what a
// click does, an account's click after the vault locked included.
import { describe, expect, it } from 'vitest';
import { AuthdeskError } from '../../shared/errors';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import {
  currentTrayMenu,
  TRAY_LABEL_MAX,
  TRAY_PINNED_MAX,
  TRAY_RECENT_MAX,
  menuLabel,
  runTrayAction,
  trayAccounts,
  trayMenu,
  type TrayAction,
  type TrayActionDeps,
  type TrayItem,
  type TrayMenuSource,
} from '../../electron/use-cases/tray-menu';

const account = (id: string, issuer: string, label: string, pinned = false) => ({
  id,
  issuer,
  label,
  pinned,
});

const ACCOUNTS = [
  account('a', 'Amazon Web Services', 'root@123456789012', true),
  account('b', 'GitHub', 'alice'),
  account('c', 'Google', 'alice@example.com'),
  account('d', 'AT&T', 'bob', true),
  account('e', 'Slack', 'alice@acme'),
];

/** The menu as lines: headings in brackets, actions as "label -> kind[:id]", separators as "---". */
function lines(items: TrayItem[]): string[] {
  return items.map((item) => {
    if (item.type === 'separator') return '---';
    if (item.type === 'heading') return `[${item.label}]`;
    const { action } = item;
    const target = action.kind === 'copy' ? `${action.kind}:${action.id}` : action.kind;
    return `${item.label} -> ${target}${item.accelerator ? ` (${item.accelerator})` : ''}`;
  });
}

describe('the tray menu', () => {
  it('unlocked: the state, pinned accounts, recently used ones, Quick access, Open, Lock and Quit', () => {
    const model = trayMenu({
      vault: 'unlocked',
      accounts: ACCOUNTS,
      recentIds: ['c', 'a', 'gone', 'e'],
      language: 'en',
      quickAccessShortcut: 'CommandOrControl+Alt+A',
    });
    expect(model.icon).toBe('unlocked');
    expect(model.tooltip).toBe('Authdesk — unlocked');
    expect(lines(model.items)).toEqual([
      '[Authdesk — unlocked]',
      '---',
      '[Pinned]',
      'Amazon Web Services (root@123456789012) -> copy:a',
      'AT&T (bob) -> copy:d',
      '[Recently used]',
      'Google (alice@example.com) -> copy:c',
      'Slack (alice@acme) -> copy:e',
      '---',
      'Quick access… -> quickAccess (CommandOrControl+Alt+A)',
      'Open Authdesk -> open',
      'Lock -> lock',
      '---',
      'Quit Authdesk -> quit',
    ]);
  });

  it('locked: a closed padlock, no account names, and Unlock instead of Lock', () => {
    const model = trayMenu({
      vault: 'locked',
      accounts: [],
      recentIds: ['c', 'a'],
      language: 'en',
    });
    expect(model.icon).toBe('locked');
    expect(model.tooltip).toBe('Authdesk — locked');
    expect(lines(model.items)).toEqual([
      '[Authdesk — locked]',
      '---',
      'Unlock… -> unlock',
      'Quick access… -> quickAccess',
      'Open Authdesk -> open',
      '---',
      'Quit Authdesk -> quit',
    ]);
  });

  it('before a vault exists: only Open and Quit', () => {
    const model = trayMenu({ vault: 'missing', accounts: [], recentIds: [], language: 'en' });
    expect(model.icon).toBe('locked');
    expect(lines(model.items)).toEqual([
      '[Authdesk — no vault yet]',
      '---',
      'Open Authdesk -> open',
      '---',
      'Quit Authdesk -> quit',
    ]);
  });

  it('says where accounts will appear when none is pinned or used yet', () => {
    const model = trayMenu({
      vault: 'unlocked',
      accounts: [account('b', 'GitHub', 'alice')],
      recentIds: [],
      language: 'en',
    });
    expect(lines(model.items).slice(0, 4)).toEqual([
      '[Authdesk — unlocked]',
      '---',
      '[Pin an account to see it here]',
      '---',
    ]);
  });

  it('speaks Japanese', () => {
    const unlocked = trayMenu({
      vault: 'unlocked',
      accounts: [
        account('k', 'さくらのクラウド', '山田 太郎', true),
        account('g', 'GitHub', 'alice'),
      ],
      recentIds: ['g'],
      language: 'ja',
    });
    expect(unlocked.tooltip).toBe('Authdesk — ロック解除中');
    expect(lines(unlocked.items)).toEqual([
      '[Authdesk — ロック解除中]',
      '---',
      '[ピン留め]',
      'さくらのクラウド (山田 太郎) -> copy:k',
      '[最近使ったもの]',
      'GitHub (alice) -> copy:g',
      '---',
      'クイックアクセス… -> quickAccess',
      'Authdesk を開く -> open',
      'ロック -> lock',
      '---',
      'Authdesk を終了 -> quit',
    ]);
    const locked = trayMenu({ vault: 'locked', accounts: [], recentIds: [], language: 'ja' });
    expect(locked.tooltip).toBe('Authdesk — ロック中');
    expect(lines(locked.items)).toContain('ロックを解除… -> unlock');
  });

  it('never lists an account name while locked, even when the caller passes accounts', () => {
    const model = trayMenu({
      vault: 'locked',
      accounts: ACCOUNTS,
      recentIds: ['b'],
      language: 'en',
    });
    const text = JSON.stringify(model);
    for (const { issuer, label } of ACCOUNTS) {
      expect(text).not.toContain(issuer);
      expect(text).not.toContain(label);
    }
  });
});

describe('the accounts the tray lists', () => {
  it('caps pinned and recent, skips pinned and repeated ids in the recent list', () => {
    const many = Array.from({ length: 30 }, (_, i) => account(`p${i}`, `P${i}`, 'x', i % 2 === 0));
    const recentIds = ['p0', 'p1', 'p1', 'p3', 'p5', 'p7', 'p9', 'p11', 'p13'];
    const { pinned, recent } = trayAccounts(many, recentIds);
    expect(pinned.map((a) => a.id)).toEqual(
      Array.from({ length: TRAY_PINNED_MAX }, (_, i) => `p${2 * i}`),
    );
    expect(recent.map((a) => a.id)).toEqual(['p1', 'p3', 'p5', 'p7', 'p9']);
    expect(recent).toHaveLength(TRAY_RECENT_MAX);
  });

  it('cuts a long name with an ellipsis by characters, and folds line breaks', () => {
    const long = '𠮷'.repeat(60);
    const model = trayMenu({
      vault: 'unlocked',
      accounts: [account('l', long, '', true), account('n', 'Multi\nline', 'name', true)],
      recentIds: [],
      language: 'en',
    });
    const labels = model.items.flatMap((item) => (item.type === 'action' ? [item.label] : []));
    expect([...labels[0]!]).toHaveLength(TRAY_LABEL_MAX);
    expect(labels[0]!.endsWith('𠮷…')).toBe(true);
    expect(labels[1]).toBe('Multi line (name)');
  });

  it('doubles an ampersand for Electron, which would take a single one as a mnemonic', () => {
    expect(menuLabel('AT&T (bob)')).toBe('AT&&T (bob)');
    expect(menuLabel('A && B')).toBe('A &&&& B');
    expect(menuLabel('Plain')).toBe('Plain');
  });
});

describe('a click in the tray', () => {
  function deps(unlocked: boolean, copy: TrayActionDeps['copy'] = async () => {}) {
    const calls: string[] = [];
    const errors: unknown[] = [];
    const d: TrayActionDeps = {
      isUnlocked: () => unlocked,
      copy: async (id) => {
        calls.push(`copy:${id}`);
        return copy(id);
      },
      unlock: () => void calls.push('unlock'),
      quickAccess: () => void calls.push('quickAccess'),
      open: () => void calls.push('open'),
      lock: () => void calls.push('lock'),
      quit: () => void calls.push('quit'),
      onError: (error) => void errors.push(error),
    };
    return { d, calls, errors };
  }

  it('copies an account’s code while unlocked', async () => {
    const { d, calls, errors } = deps(true);
    await runTrayAction({ kind: 'copy', id: 'a' }, d);
    expect(calls).toEqual(['copy:a']);
    expect(errors).toEqual([]);
  });

  it('opens the unlock when the vault locked after the menu was drawn', async () => {
    const { d, calls } = deps(false);
    await runTrayAction({ kind: 'copy', id: 'a' }, d);
    expect(calls).toEqual(['unlock']);
  });

  it('opens the unlock when the vault locks during the copy, and reports other failures', async () => {
    const locked = deps(true, async () => {
      throw new AuthdeskError('VAULT_LOCKED', 'The vault is locked.');
    });
    await runTrayAction({ kind: 'copy', id: 'a' }, locked.d);
    expect(locked.calls).toEqual(['copy:a', 'unlock']);
    expect(locked.errors).toEqual([]);

    const gone = new AuthdeskError('ACCOUNT_NOT_FOUND', 'No such account.');
    const removed = deps(true, async () => {
      throw gone;
    });
    await runTrayAction({ kind: 'copy', id: 'x' }, removed.d);
    expect(removed.calls).toEqual(['copy:x']);
    expect(removed.errors).toEqual([gone]);
  });

  it('binds every other item to its one call', async () => {
    const { d, calls } = deps(true);
    const kinds: TrayAction[] = [
      { kind: 'unlock' },
      { kind: 'quickAccess' },
      { kind: 'open' },
      { kind: 'lock' },
      { kind: 'quit' },
    ];
    for (const action of kinds) await runTrayAction(action, d);
    expect(calls).toEqual(['unlock', 'quickAccess', 'open', 'lock', 'quit']);
  });
});

describe('the menu for the app as it is', () => {
  it('reads the vault, the recent list and the language; no account while locked', async () => {
    let unlocked = true;
    const vault = {
      state: async () => (unlocked ? ('unlocked' as const) : ('locked' as const)),
      listOrUndefined: () =>
        unlocked
          ? [{ ...account('a', 'GitHub', 'alice', true), secret: 'JBSWY3DPEHPK3PXP' }]
          : undefined,
    } as unknown as TrayMenuSource['vault'];
    const source: TrayMenuSource = {
      vault,
      settings: () => ({ ...DEFAULT_SETTINGS, language: 'system' }),
      systemLanguage: () => 'ja-JP',
      recentIds: () => ['a'],
    };
    const open = await currentTrayMenu(source);
    expect(open.tooltip).toBe('Authdesk — ロック解除中');
    expect(lines(open.items)).toContain('GitHub (alice) -> copy:a');
    expect(JSON.stringify(open)).not.toContain('JBSWY3DPEHPK3PXP');

    unlocked = false;
    const shut = await currentTrayMenu(source);
    expect(shut.icon).toBe('locked');
    expect(JSON.stringify(shut)).not.toContain('GitHub');
  });
});
