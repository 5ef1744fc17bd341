// Types for fuses.js, which electron-builder's hook and the release workflow run as plain JavaScript.
export const FUSE_INDEX: Record<string, number>;
export const STATE: { off: 48; on: 49; removed: 114 };
export type FuseWire = { version: string } & Record<number, number | undefined>;
export function fuseMismatches(
  configured: Record<string, boolean | undefined | null>,
  wire: FuseWire,
): string[];
export function verifyFuses(
  binary: string,
  configured: Record<string, boolean | undefined | null>,
): Promise<string[]>;
export function configuredFuses(file?: string): Promise<Record<string, boolean>>;
