// The pictures of the bench's picture accounts: 128×128 PNGs (ICON_LIMITS.size) as a user's own
// logos come out of Authdesk's resizing, each a coloured tile with a soft gradient and some grain so
// that it compresses like a real picture (about 20 KB) rather than like a flat colour.
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { ICON_LIMITS } from '../shared/account-icon';

export interface Picture {
  hash: string;
  png: Uint8Array;
}

export function makePicture(n: number): Picture {
  const size = ICON_LIMITS.size;
  const png = new PNG({ width: size, height: size });
  const hue = (n * 47) % 360;
  let seed = n * 2654435761;
  const grain = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) / 16;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const shade = 0.55 + 0.45 * ((x + y) / (2 * size));
      const [r, g, b] = hsl(hue, 0.6, shade * 0.6);
      const inside = Math.hypot(x - size / 2, y - size / 2) < size * 0.3;
      png.data[i] = inside ? 250 : Math.min(255, r + grain());
      png.data[i + 1] = inside ? 250 : Math.min(255, g + grain());
      png.data[i + 2] = inside ? 250 : Math.min(255, b + grain());
      png.data[i + 3] = 255;
    }
  }
  const bytes = new Uint8Array(PNG.sync.write(png));
  return { hash: createHash('sha256').update(bytes).digest('hex'), png: bytes };
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}
