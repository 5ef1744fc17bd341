// How a code is shown: digit groups that are easy to read aloud and type, and a screen-reader form.

/** 6 → 3+3, 7 → 3+4, 8 → 4+4; Steam's 5 characters and anything else stay whole. */
export function groupCode(code: string): string[] {
  if (!/^\d+$/.test(code)) return [code];
  switch (code.length) {
    case 6:
    case 7:
      return [code.slice(0, 3), code.slice(3)];
    case 8:
      return [code.slice(0, 4), code.slice(4)];
    default:
      return [code];
  }
}

/** "123456" → "1 2 3 4 5 6", so a screen reader reads digits rather than a number. */
export function spokenCode(code: string): string {
  return [...code].join(' ');
}
