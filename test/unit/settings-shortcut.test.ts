// The shortcut setting's rules: Electron accelerators parsed and checked, the key recorder, and the
// shortcut shown as each OS writes it.
import { describe, expect, it } from 'vitest';
import {
  displayShortcut,
  isShortcutSetting,
  parseAccelerator,
  recordKeyPress,
  type KeyPress,
} from '../../shared/settings-shortcut';
import { DEFAULT_QUICK_ACCESS_SHORTCUT } from '../../shared/settings';
import { settingsSchema } from '../../shared/settings-schema';

const press = (code: string, mods: Partial<KeyPress> = {}, key = code): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('accelerators', () => {
  it('reads Electron spellings of the modifiers and keys', () => {
    expect(parseAccelerator('CmdOrCtrl+Option+a')).toEqual({
      modifiers: ['CommandOrControl', 'Alt'],
      key: 'A',
    });
    expect(parseAccelerator('Ctrl+Shift+F12')?.key).toBe('F12');
    expect(parseAccelerator('Super+Space')?.key).toBe('Space');
    expect(parseAccelerator('Alt+Plus')?.key).toBe('Plus');
    expect(parseAccelerator('Control+/')?.key).toBe('/');
  });

  it('refuses what Electron would not take', () => {
    for (const bad of [
      '',
      'Ctrl+',
      '+A',
      'Ctrl++',
      'Hyper+A',
      'Ctrl+Ctrl+A',
      'Ctrl+AB',
      'Ctrl+F25',
      'Ctrl+é',
    ]) {
      expect(parseAccelerator(bad)).toBeNull();
    }
  });

  it('a global shortcut needs Ctrl, ⌘, Alt or Super (Shift alone takes a capital letter), or an F key', () => {
    expect(isShortcutSetting(DEFAULT_QUICK_ACCESS_SHORTCUT)).toBe(true);
    expect(isShortcutSetting('')).toBe(true); // off
    expect(isShortcutSetting('A')).toBe(false);
    expect(isShortcutSetting('Shift+A')).toBe(false);
    expect(isShortcutSetting('F9')).toBe(true);
    expect(isShortcutSetting('Super+A')).toBe(true);
  });

  it('the settings schema holds the setting to these rules', () => {
    expect(settingsSchema.shape.quickAccessShortcut.safeParse('Shift+A').success).toBe(false);
    expect(settingsSchema.shape.quickAccessShortcut.safeParse('Alt+Command+A').success).toBe(true);
  });
});

describe('the key recorder', () => {
  it('records Ctrl on Windows and Linux and ⌘ on macOS as CommandOrControl', () => {
    expect(recordKeyPress(press('KeyA', { ctrlKey: true, altKey: true }), 'linux')).toEqual({
      kind: 'shortcut',
      accelerator: 'CommandOrControl+Alt+A',
    });
    expect(recordKeyPress(press('KeyA', { metaKey: true, altKey: true }, 'å'), 'darwin')).toEqual({
      kind: 'shortcut',
      accelerator: 'CommandOrControl+Alt+A',
    });
    expect(recordKeyPress(press('KeyA', { ctrlKey: true }), 'darwin')).toEqual({
      kind: 'shortcut',
      accelerator: 'Control+A',
    });
    expect(recordKeyPress(press('Digit1', { metaKey: true }), 'win32')).toEqual({
      kind: 'shortcut',
      accelerator: 'Super+1',
    });
  });

  it('waits while only modifiers are down, and refuses a key without one', () => {
    expect(recordKeyPress(press('ControlLeft', { ctrlKey: true }, 'Control'), 'linux').kind).toBe(
      'waiting',
    );
    expect(recordKeyPress(press('KeyQ'), 'linux').kind).toBe('refused');
    expect(recordKeyPress(press('KeyQ', { shiftKey: true }), 'linux').kind).toBe('refused');
    expect(recordKeyPress(press('F7'), 'linux')).toEqual({ kind: 'shortcut', accelerator: 'F7' });
    expect(recordKeyPress(press('IntlRo', { ctrlKey: true }), 'linux').kind).toBe('refused');
  });

  it('every shortcut it records is one the setting takes', () => {
    const codes = ['KeyZ', 'Digit0', 'F1', 'ArrowUp', 'Space', 'Slash', 'Numpad5', 'Enter'];
    for (const code of codes) {
      for (const platform of ['linux', 'darwin', 'win32']) {
        const recorded = recordKeyPress(press(code, { ctrlKey: true, altKey: true }), platform);
        expect(recorded.kind).toBe('shortcut');
        if (recorded.kind === 'shortcut')
          expect(isShortcutSetting(recorded.accelerator)).toBe(true);
      }
    }
  });
});

describe('shown to a person', () => {
  it('reads Ctrl+Alt+A on Windows and Linux and ⌥⌘A on macOS for the default', () => {
    expect(displayShortcut(DEFAULT_QUICK_ACCESS_SHORTCUT, 'win32')).toBe('Ctrl+Alt+A');
    expect(displayShortcut(DEFAULT_QUICK_ACCESS_SHORTCUT, 'linux')).toBe('Ctrl+Alt+A');
    expect(displayShortcut(DEFAULT_QUICK_ACCESS_SHORTCUT, 'darwin')).toBe('⌥⌘A');
    expect(displayShortcut('Control+Shift+Plus', 'darwin')).toBe('⌃⇧+');
  });
});
