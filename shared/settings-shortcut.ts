// Quick access's global shortcut: Electron accelerators ("CommandOrControl+Alt+A") parsed and
// checked, built from a key press (the Settings key recorder) and shown as a person reads them
// ("Ctrl+Alt+A", "⌥⌘A"). Plain: the renderer and main use the same rules.

export const MODIFIERS = [
  'CommandOrControl',
  'Command',
  'Control',
  'Alt',
  'AltGr',
  'Shift',
  'Super',
] as const;
export type Modifier = (typeof MODIFIERS)[number];

/** Electron's spellings of each modifier, lower-cased, to the one this module writes. */
const MODIFIER_NAMES: Record<string, Modifier> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'PrintScreen',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const NAMED = new Map(NAMED_KEYS.map((name) => [name.toLowerCase(), name]));
const PUNCTUATION = new Set([...`)!@#$%^&*(:;'=<,_->.?/~\`{][|\\}"`]);

export interface Accelerator {
  modifiers: Modifier[];
  key: string;
}

/** The accelerator's modifiers and key in this module's spelling, or null when Electron would refuse it. */
export function parseAccelerator(text: string): Accelerator | null {
  if (text.length === 0 || text.length > 100) return null;
  // "Ctrl++" is not Electron's: the plus key is "Plus".
  const parts = text.split('+');
  if (parts.some((part) => part.trim() === '')) return null;
  const keyText = parts[parts.length - 1]!.trim();
  const modifiers: Modifier[] = [];
  for (const part of parts.slice(0, -1)) {
    const modifier = MODIFIER_NAMES[part.trim().toLowerCase()];
    if (!modifier || modifiers.includes(modifier)) return null;
    modifiers.push(modifier);
  }
  const key = keyName(keyText);
  return key === null ? null : { modifiers, key };
}

function keyName(text: string): string | null {
  if (/^[a-z0-9]$/i.test(text)) return text.toUpperCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(text)) return text.toUpperCase();
  if (PUNCTUATION.has(text)) return text;
  return NAMED.get(text.toLowerCase()) ?? null;
}

/**
 * Whether an accelerator may be quick access's global shortcut: a key held with Ctrl, ⌘, Alt or the
 * Super key (Shift alone would take a capital letter from every app), or a function key.
 */
export function isGlobalShortcut(accelerator: Accelerator): boolean {
  if (/^F\d+$/.test(accelerator.key)) return true;
  return accelerator.modifiers.some((modifier) => modifier !== 'Shift');
}

/** The setting's value: '' (off) or an accelerator a global shortcut may be. */
export function isShortcutSetting(text: string): boolean {
  if (text === '') return true;
  const parsed = parseAccelerator(text);
  return parsed !== null && isGlobalShortcut(parsed);
}

/** One accelerator string for a parsed one, modifiers in a fixed order. */
export function formatAccelerator(accelerator: Accelerator): string {
  const ordered = MODIFIERS.filter((modifier) => accelerator.modifiers.includes(modifier));
  return [...ordered, accelerator.key].join('+');
}

/** What a keydown event carries that the recorder reads. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export type Recorded =
  | { kind: 'shortcut'; accelerator: string }
  /** Only modifiers so far: keep listening. */
  | { kind: 'waiting' }
  /** A key Electron has no name for, or one a global shortcut cannot be (no modifier). */
  | { kind: 'refused' };

/**
 * The Settings key recorder: a key press to an accelerator. The physical key (`code`) names it, so
 * ⌥A on a Mac (which types "å") still records A; Ctrl on Windows and Linux and ⌘ on macOS record as
 * CommandOrControl, as the default is written.
 */
export function recordKeyPress(press: KeyPress, platform: string): Recorded {
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS'].includes(press.key)) {
    return { kind: 'waiting' };
  }
  const key = keyFromCode(press.code);
  if (key === null) return { kind: 'refused' };
  const mac = platform === 'darwin';
  const modifiers: Modifier[] = [];
  if (mac ? press.metaKey : press.ctrlKey) modifiers.push('CommandOrControl');
  if (mac && press.ctrlKey) modifiers.push('Control');
  if (press.altKey) modifiers.push('Alt');
  if (press.shiftKey) modifiers.push('Shift');
  if (!mac && press.metaKey) modifiers.push('Super');
  const accelerator = { modifiers, key };
  if (!isGlobalShortcut(accelerator)) return { kind: 'refused' };
  return { kind: 'shortcut', accelerator: formatAccelerator(accelerator) };
}

const CODE_KEYS: Record<string, string> = {
  Space: 'Space',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Enter: 'Return',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Escape: 'Escape',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
};

function keyFromCode(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1]!;
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return digit[1]!;
  const pad = /^Numpad([0-9])$/.exec(code);
  if (pad) return `num${pad[1]!}`;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return CODE_KEYS[code] ?? null;
}

const MAC_SYMBOLS: Record<Modifier, string> = {
  Control: '⌃',
  Alt: '⌥',
  AltGr: '⌥',
  Shift: '⇧',
  CommandOrControl: '⌘',
  Command: '⌘',
  Super: '⌘',
};
const MAC_ORDER: Modifier[] = [
  'Control',
  'Alt',
  'AltGr',
  'Shift',
  'CommandOrControl',
  'Command',
  'Super',
];
const PC_NAMES: Record<Modifier, string> = {
  CommandOrControl: 'Ctrl',
  Command: 'Super',
  Control: 'Ctrl',
  Alt: 'Alt',
  AltGr: 'AltGr',
  Shift: 'Shift',
  Super: 'Super',
};

/** The shortcut as a person reads it: "Ctrl+Alt+A" on Windows and Linux, "⌥⌘A" on macOS. */
export function displayShortcut(text: string, platform: string): string {
  const parsed = parseAccelerator(text);
  if (!parsed) return text;
  const key = parsed.key === 'Plus' ? '+' : parsed.key;
  if (platform === 'darwin') {
    const ordered = MAC_ORDER.filter((modifier) => parsed.modifiers.includes(modifier));
    return [...new Set(ordered.map((modifier) => MAC_SYMBOLS[modifier]))].join('') + key;
  }
  const names = [
    ...new Set(MODIFIERS.filter((m) => parsed.modifiers.includes(m)).map((m) => PC_NAMES[m])),
  ];
  return [...names, key].join('+');
}
