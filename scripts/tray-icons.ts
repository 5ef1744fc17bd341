// Draws the tray icons into assets/tray/: a padlock, closed while the vault is locked and open while it
// is unlocked. macOS gets template images (black and transparency only, which the menu bar tints for
// light and dark); Windows and Linux a coloured padlock with a light rim that reads on dark and light
// panels. Each at 1x and 2x. Run `node --import tsx scripts/tray-icons.ts` after changing the shapes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const OUT = path.resolve(import.meta.dirname, '..', 'assets', 'tray');
/** Supersampling per axis: the edges are antialiased by averaging SS×SS samples per pixel. */
const SS = 4;

type Rgb = [number, number, number];

/** Signed distance (in units of the icon's side) to a padlock; negative inside. */
function padlock(x: number, y: number, open: boolean): number {
  const body = roundedBox(x - 0.5, y - 0.69, 0.33, 0.24, 0.07);
  // The shackle: an arch of half-width 0.2 above the body; open, it is raised and its right leg
  // stops short of the body.
  const lift = open ? 0.07 : 0;
  const top = 0.31 - lift;
  const legEnd = 0.47;
  const t = 0.085;
  let shackle = Math.abs(Math.hypot(x - 0.5, y - top) - 0.2) - t / 2;
  if (y > top) shackle = Infinity;
  shackle = Math.min(shackle, segment(x, y, 0.3, top, 0.3, legEnd) - t / 2);
  shackle = Math.min(shackle, segment(x, y, 0.7, top, 0.7, open ? top + 0.04 : legEnd) - t / 2);
  const keyhole = Math.min(
    Math.hypot(x - 0.5, y - 0.64) - 0.055,
    roundedBox(x - 0.5, y - 0.73, 0.022, 0.08, 0.01),
  );
  return Math.max(Math.min(body, shackle), -keyhole);
}

function roundedBox(px: number, py: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(px) - hw + r;
  const qy = Math.abs(py) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const [dx, dy] = [bx - ax, by - ay];
  const h = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - h * dx, py - ay - h * dy);
}

/** One icon: `fill` inside the padlock, `rim` (if any) in a band around it, transparent elsewhere. */
function draw(size: number, open: boolean, fill: Rgb, rim?: Rgb): Buffer {
  const png = new PNG({ width: size, height: size });
  const rimWidth = 1.2 / size; // about one pixel at any size
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inFill = 0;
      let inRim = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const d = padlock((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, open);
          if (d < 0) inFill++;
          else if (rim && d < rimWidth) inRim++;
        }
      }
      const n = SS * SS;
      const alpha = (inFill + inRim) / n;
      const mix = inFill + inRim === 0 ? 0 : inFill / (inFill + inRim);
      const colour = rim ? fill.map((c, i) => c * mix + rim[i]! * (1 - mix)) : fill;
      const at = (py * size + px) * 4;
      png.data[at] = Math.round(colour[0]!);
      png.data[at + 1] = Math.round(colour[1]!);
      png.data[at + 2] = Math.round(colour[2]!);
      png.data[at + 3] = Math.round(alpha * 255);
    }
  }
  return PNG.sync.write(png);
}

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
/** The window's accent blue for locked; amber for unlocked, the state that wants attention. */
const LOCKED: Rgb = [0x2f, 0x62, 0xd9];
const UNLOCKED: Rgb = [0xc2, 0x6a, 0x05];

mkdirSync(OUT, { recursive: true });
for (const [state, open, colour] of [
  ['locked', false, LOCKED],
  ['unlocked', true, UNLOCKED],
] as const) {
  for (const [suffix, scale] of [
    ['', 1],
    ['@2x', 2],
  ] as const) {
    // macOS menu bar icons are 16 pt high (22 pt bar); Windows' tray 16 px at 100 %; Linux panels
    // scale the 32 px image to theirs.
    writeFileSync(path.join(OUT, `${state}Template${suffix}.png`), draw(16 * scale, open, BLACK));
    writeFileSync(path.join(OUT, `${state}${suffix}.png`), draw(16 * scale, open, colour, WHITE));
  }
}
console.log(`tray icons written to ${path.relative(process.cwd(), OUT)}`);
