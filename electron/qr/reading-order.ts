// Puts found codes in reading order (rows top to bottom, left to right within a row), each text once.
import type { FoundCode } from './zxing';

/**
 * Codes whose vertical extents overlap the row's are in that row, so codes side by side on a
 * page read left to right even when their tops differ by a few pixels.
 */
export function inReadingOrder(codes: FoundCode[]): string[] {
  const byTop = [...codes].sort((a, b) => a.top - b.top);
  const rows: FoundCode[][] = [];
  let bottom = -Infinity;
  for (const code of byTop) {
    const middle = (code.top + code.bottom) / 2;
    if (rows.length > 0 && middle <= bottom) {
      rows.at(-1)!.push(code);
      bottom = Math.max(bottom, code.bottom);
    } else {
      rows.push([code]);
      bottom = code.bottom;
    }
  }
  const texts = rows.flatMap((row) => row.sort((a, b) => a.left - b.left).map((c) => c.text));
  return [...new Set(texts)];
}
