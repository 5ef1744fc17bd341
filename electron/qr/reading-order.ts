// Puts found codes in reading order (rows top to bottom, left to right within a row), each content once.
import type { FoundCode, QrCode } from './zxing';

/**
 * Codes whose vertical extents overlap the row's are in that row, so codes side by side on a
 * page read left to right even when their tops differ by a few pixels.
 */
export function inReadingOrder(codes: FoundCode[]): QrCode[] {
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
  const seen = new Set<string>();
  const ordered: QrCode[] = [];
  for (const { text, bytes, textual } of rows.flatMap((row) =>
    row.sort((a, b) => a.left - b.left),
  )) {
    const key = `${text}\u0000${Buffer.from(bytes).toString('base64')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ordered.push({ text, bytes, textual });
  }
  return ordered;
}
