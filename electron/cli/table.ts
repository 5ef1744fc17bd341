// A plain text table for a terminal: columns padded to their widest cell, counting East Asian wide
// characters as two columns, with no trailing spaces.

/** Display width: East Asian wide characters take two columns in a terminal. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      ) || cp >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

/** The header and the rows as lines. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  return [header, ...rows].map((row) =>
    row
      .map((cell, i) => cell + ' '.repeat(widths[i]! - displayWidth(cell)))
      .join('  ')
      .trimEnd(),
  );
}
