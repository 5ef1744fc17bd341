// Hybrid logical clock stamps (types.ts Hlc): `<wall ms, 12 base-36>.<counter, 4 base-36>.<device>`.
// A stamp a device issues is above every stamp it issued or saw before, whatever its clock says,
// so an edit made after seeing another always carries the higher stamp, and last-writer-wins
// follows causality; between concurrent edits the wall clock (then the device id) decides.
import type { DeviceId, Hlc } from '../types';

const WALL_DIGITS = 12;
const COUNTER_DIGITS = 4;
const COUNTER_MAX = 36 ** COUNTER_DIGITS - 1;
const PATTERN = /^([0-9a-z]{12})\.([0-9a-z]{4})\.([^.]{1,128})$/;

export interface HlcParts {
  wall: number;
  counter: number;
  device: DeviceId;
}

export function formatHlc({ wall, counter, device }: HlcParts): Hlc {
  return `${wall.toString(36).padStart(WALL_DIGITS, '0')}.${counter.toString(36).padStart(COUNTER_DIGITS, '0')}.${device}`;
}

/** The parts of a stamp, or null when it is not one. */
export function parseHlc(hlc: unknown): HlcParts | null {
  if (typeof hlc !== 'string') return null;
  const match = PATTERN.exec(hlc);
  if (!match) return null;
  return { wall: parseInt(match[1]!, 36), counter: parseInt(match[2]!, 36), device: match[3]! };
}

/** The wall time of a stamp, epoch ms (0 for something that is not a stamp). */
export function hlcWall(hlc: Hlc): number {
  return parseHlc(hlc)?.wall ?? 0;
}

/** Stamps sort as strings: fixed-width wall and counter, then the device. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: Hlc | null, b: Hlc | null): Hlc | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/** A new stamp for `device`: above `last` (issued or seen) and at least its clock `wallMs`. */
export function tickHlc(last: Hlc | null, wallMs: number, device: DeviceId): Hlc {
  const before = last === null ? null : parseHlc(last);
  const wall = Math.max(0, Math.floor(wallMs));
  if (before === null || wall > before.wall) return formatHlc({ wall, counter: 0, device });
  if (before.counter < COUNTER_MAX) {
    return formatHlc({ wall: before.wall, counter: before.counter + 1, device });
  }
  return formatHlc({ wall: before.wall + 1, counter: 0, device });
}
