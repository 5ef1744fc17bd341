// Quick access's plain logic: the shortcut registered, reported when refused, registered again when
// the setting changes; showing and hiding through the window port; Shift+Enter hides before typing,
// never types into our own window, and a typed code counts as used. The geometry of the window and
// the list's order are tested here too.
import { describe, expect, it } from 'vitest';
import type { ShortcutStatus } from '../../shared/ipc';
import { buildSearchIndex, filterAccounts } from '../../shared/account-search';
import { QuickAccess, type ShortcutPort } from '../../electron/use-cases/quick-access';
import type { TypeCodeResult } from '../../electron/use-cases/type-code';
import {
  centredOn,
  quickAccessWindowOptions,
  windowOptions,
} from '../../electron/system/window-options';
import { QUICK_ACCESS_URL, rendererPathOf } from '../../electron/system/renderer-files';
import {
  QUICK_ROWS,
  moveSelection,
  quickList,
} from '../../renderer/features/quick-access/model/quick-list';

class FakeShortcuts implements ShortcutPort {
  held = new Map<string, () => void>();
  taken = new Set<string>();
  throwing = false;
  register(accelerator: string, onPress: () => void): boolean {
    if (this.throwing) throw new TypeError('conversion failure');
    if (this.taken.has(accelerator)) return false;
    this.held.set(accelerator, onPress);
    return true;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
}

function setup(shortcut = 'CommandOrControl+Alt+A') {
  const log: string[] = [];
  const statuses: ShortcutStatus[] = [];
  const used: string[] = [];
  let setting = shortcut;
  let result: TypeCodeResult = { done: 'typed' };
  let focusedOurs = false;
  const window = {
    show: () => void log.push('show'),
    hide: async () => void log.push('hide'),
    ourWindowFocused: () => focusedOurs,
  };
  const quick = new QuickAccess({
    typeCode: {
      type: async (id, target) => {
        log.push(`type ${id} ours=${target.targetIsOurs}`);
        return result;
      },
    },
    recent: { used: (id) => void used.push(id) },
    shortcut: () => setting,
    onStatus: (status) => statuses.push(status),
    onShown: () => log.push('shown event'),
  });
  const shortcuts = new FakeShortcuts();
  return {
    quick,
    shortcuts,
    window,
    log,
    statuses,
    used,
    set: (value: string) => (setting = value),
    result: (value: TypeCodeResult) => (result = value),
    focusOurs: (value: boolean) => (focusedOurs = value),
  };
}

describe('the global shortcut', () => {
  it('is pending until main attaches the window and globalShortcut, then registered', () => {
    const t = setup();
    expect(t.quick.status()).toEqual({ accelerator: 'CommandOrControl+Alt+A', state: 'pending' });
    t.quick.attach(t.window, t.shortcuts);
    expect(t.quick.status().state).toBe('registered');
    expect([...t.shortcuts.held.keys()]).toEqual(['CommandOrControl+Alt+A']);
    t.shortcuts.held.get('CommandOrControl+Alt+A')!();
    expect(t.log).toEqual(['show', 'shown event']);
  });

  it('reports a shortcut the OS refuses or another app holds, and holds nothing', () => {
    const t = setup();
    t.shortcuts.taken.add('CommandOrControl+Alt+A');
    t.quick.attach(t.window, t.shortcuts);
    expect(t.statuses.at(-1)).toEqual({ accelerator: 'CommandOrControl+Alt+A', state: 'refused' });
    expect(t.shortcuts.held.size).toBe(0);
  });

  it('an accelerator Electron throws on is refused too', () => {
    const t = setup();
    t.shortcuts.throwing = true;
    t.quick.attach(t.window, t.shortcuts);
    expect(t.quick.status().state).toBe('refused');
  });

  it('on change: the old one is given back, the new one registered; unchanged, nothing happens', () => {
    const t = setup();
    t.quick.attach(t.window, t.shortcuts);
    const before = t.statuses.length;
    t.quick.applyShortcut();
    expect(t.statuses.length).toBe(before);
    t.set('Super+F5');
    t.quick.applyShortcut();
    expect([...t.shortcuts.held.keys()]).toEqual(['Super+F5']);
    t.set('');
    expect(t.quick.applyShortcut().state).toBe('off');
    expect(t.shortcuts.held.size).toBe(0);
    t.set('Shift+A'); // a hand-edited setting the rules refuse never reaches the OS
    expect(t.quick.applyShortcut().state).toBe('refused');
    expect(t.shortcuts.held.size).toBe(0);
  });

  it('a refused shortcut is tried again when the setting is saved again', () => {
    const t = setup();
    t.shortcuts.taken.add('CommandOrControl+Alt+A');
    t.quick.attach(t.window, t.shortcuts);
    t.shortcuts.taken.clear();
    expect(t.quick.applyShortcut().state).toBe('registered');
  });

  it('stop gives the shortcut back', () => {
    const t = setup();
    t.quick.attach(t.window, t.shortcuts);
    t.quick.stop();
    expect(t.shortcuts.held.size).toBe(0);
  });
});

describe('showing, hiding and typing', () => {
  it('does nothing before main attaches the window', async () => {
    const t = setup();
    t.quick.show();
    await t.quick.hide();
    expect(t.log).toEqual([]);
  });

  it('Shift+Enter hides first, then types into the window that has the keyboard', async () => {
    const t = setup();
    t.quick.attach(t.window, t.shortcuts);
    expect(await t.quick.type('a')).toEqual({ done: 'typed' });
    expect(t.log).toEqual(['hide', 'type a ours=false']);
    expect(t.used).toEqual(['a']);
  });

  it("tells the typing use case when the keyboard went to one of Authdesk's windows", async () => {
    const t = setup();
    t.quick.attach(t.window, t.shortcuts);
    t.focusOurs(true);
    t.result({ done: 'copied', reason: 'own-window', clearsAt: null });
    await t.quick.type('a');
    expect(t.log).toEqual(['hide', 'type a ours=true']);
    // A copy counts in copyCode itself, not here a second time.
    expect(t.used).toEqual([]);
  });
});

describe('the window', () => {
  it('is centred on the work area of the display with the pointer', () => {
    expect(
      centredOn({ x: 0, y: 0, width: 1920, height: 1080 }, { width: 520, height: 420 }),
    ).toEqual({ x: 700, y: 330, width: 520, height: 420 });
    // A second display left of the first, with a taskbar on top (work area starts at y 40).
    expect(
      centredOn({ x: -1280, y: 40, width: 1280, height: 984 }, { width: 520, height: 420 }),
    ).toEqual({ x: -900, y: 322, width: 520, height: 420 });
  });

  it('shrinks to a work area smaller than itself and stays inside it', () => {
    const area = { x: 100, y: 50, width: 400, height: 300 };
    const rect = centredOn(area, { width: 520, height: 420 });
    expect(rect).toEqual({ x: 100, y: 50, width: 400, height: 300 });
  });

  it('has exactly the main window webPreferences; frameless, on top, out of the taskbar', () => {
    const options = quickAccessWindowOptions('/app/preload.cjs', false);
    expect(options.webPreferences).toEqual(windowOptions('/app/preload.cjs', false).webPreferences);
    expect(options).toMatchObject({
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      show: false,
    });
  });

  it('loads quick.html of the renderer folder on the app:// origin', () => {
    expect(QUICK_ACCESS_URL).toBe('app://authdesk/quick.html');
    expect(rendererPathOf(QUICK_ACCESS_URL)).toEqual(['quick.html']);
  });
});

describe('the list', () => {
  const accounts = ['GitHub', 'Google', 'Amazon Web Services', 'Slack'].map((issuer, i) => ({
    id: `id${i}`,
    issuer,
    label: `user${i}`,
  }));
  const index = buildSearchIndex(accounts);

  it('puts the recently used first while the search is empty, skipping ids no longer there', () => {
    const { shown } = quickList(index, '', ['id3', 'gone', 'id1']);
    expect(shown.map((a) => a.issuer)).toEqual([
      'Slack',
      'Google',
      'GitHub',
      'Amazon Web Services',
    ]);
  });

  it('filters exactly as the main list does', () => {
    for (const query of ['g', 'aws', 'ＧＩＴ', 'user1', 'zzz']) {
      expect(quickList(index, query, ['id3']).shown).toEqual(filterAccounts(index, query));
    }
  });

  it('draws at most QUICK_ROWS rows and counts all that match', () => {
    const many = buildSearchIndex(
      Array.from({ length: 120 }, (_, i) => ({ id: `${i}`, issuer: `S${i}`, label: '' })),
    );
    const { shown, total } = quickList(many, '', []);
    expect(shown).toHaveLength(QUICK_ROWS);
    expect(total).toBe(120);
  });

  it('arrow keys wrap around', () => {
    expect(moveSelection(0, 3, -1)).toBe(2);
    expect(moveSelection(2, 3, 1)).toBe(0);
    expect(moveSelection(0, 0, 1)).toBe(0);
  });
});
