// The vault's icon store: the pictures accounts use as icons, inside the encrypted payload as
// { "<sha-256 hex of the PNG>": "<base64 PNG>" }. Each picture is kept once however many accounts
// use it, a picture no account uses is dropped on the next write, and the store holds at most
// ICON_LIMITS.maxStored. An account's icon names its picture by hash; the bytes never leave here
// except through iconImages (data: URLs for the window) and exports.
import { createHash } from 'node:crypto';
import type { AccountIcon, AccountInput, AccountPatch } from '../../shared/account';
import {
  BRAND_SLUG_PATTERN,
  ICON_HASH_PATTERN,
  ICON_LIMITS,
  ICON_KINDS,
} from '../../shared/account-icon';
import { AuthdeskError } from '../../shared/errors';

/** hash → base64 of the PNG. */
export type IconStore = Record<string, string>;

/** What the store's work needs of the payload (payload.ts VaultPayload has it). */
export interface IconHolder {
  accounts: readonly { icon?: AccountIcon }[];
  icons?: IconStore;
}

/** Pictures offered with accounts (an import, a restore): hash → PNG bytes. */
export type IconPictures = ReadonlyMap<string, Uint8Array>;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A base64 PNG of at most maxStoredBytes (4 characters per 3 bytes, with padding). */
const MAX_BASE64 = Math.ceil(ICON_LIMITS.maxStoredBytes / 3) * 4;

function invalid(message: string): AuthdeskError {
  return new AuthdeskError('ACCOUNT_INVALID', message);
}

/** A clean copy of an icon as accounts hold it; ACCOUNT_INVALID for any other shape. */
export function checkIcon(value: unknown): AccountIcon {
  const icon = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const kind = icon.kind;
  if (!ICON_KINDS.includes(kind as AccountIcon['kind'])) {
    throw invalid('The icon must be a brand icon, a picture or the letter.');
  }
  if (kind === 'brand') {
    if (typeof icon.slug !== 'string' || !BRAND_SLUG_PATTERN.test(icon.slug)) {
      throw invalid('That is not the name of a brand icon.');
    }
    return { kind, slug: icon.slug };
  }
  if (kind === 'image') {
    if (typeof icon.hash !== 'string' || !ICON_HASH_PATTERN.test(icon.hash)) {
      throw invalid('That is not the name of a picture.');
    }
    return { kind, hash: icon.hash };
  }
  return { kind: 'letter' };
}

/** The icon as checkIcon makes it, or undefined for none or a shape this version does not know. */
export function knownIcon(value: unknown): AccountIcon | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    return checkIcon(value);
  } catch {
    return undefined;
  }
}

/**
 * The hash a picture is kept under, or null when it is not one the store may hold: a PNG of at
 * most ICON_LIMITS.size pixels a side and maxStoredBytes long. The hash is computed here, never
 * taken from whoever offers the picture.
 */
export function storablePicture(png: Uint8Array): string | null {
  if (png.byteLength < 33 || png.byteLength > ICON_LIMITS.maxStoredBytes) return null;
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width < 1 || height < 1 || width > ICON_LIMITS.size || height > ICON_LIMITS.size) return null;
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The store as a file holds it, keeping only entries of the right form (a hash and base64 of a
 * size it may have). Anything else under `icons` is dropped: an icon is never worth refusing the vault.
 */
export function readIconStore(value: unknown): IconStore | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const store: IconStore = {};
  for (const [hash, png] of Object.entries(value as Record<string, unknown>)) {
    if (ICON_HASH_PATTERN.test(hash) && typeof png === 'string' && png.length <= MAX_BASE64) {
      store[hash] = png;
    }
  }
  return store;
}

/** How many bytes a base64 text holds. */
function base64Length(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** The base64 PNG kept under `hash`, or undefined. */
export function iconPicture(payload: IconHolder, hash: string): string | undefined {
  const store = payload.icons;
  return store && Object.hasOwn(store, hash) ? store[hash] : undefined;
}

/** Adds a picture (its hash computed here) and returns the icon that names it; ICON_UNREADABLE if unfit. */
export function storePicture(draft: IconHolder, png: Uint8Array): AccountIcon {
  const hash = storablePicture(png);
  if (hash === null) {
    throw new AuthdeskError(
      'ICON_UNREADABLE',
      `An icon is kept as a PNG of at most ${ICON_LIMITS.size}×${ICON_LIMITS.size} pixels and ${ICON_LIMITS.maxStoredBytes / 1024} KB.`,
    );
  }
  draft.icons ??= {};
  draft.icons[hash] ??= Buffer.from(png).toString('base64');
  return { kind: 'image', hash };
}

/**
 * Inputs about to be added (an import, a restore, the add form): the pictures offered with them
 * go into the store, and an input whose picture is neither offered nor kept loses its icon (it is
 * matched automatically instead) rather than naming a picture that is not there. A picture that is
 * not a storable PNG is not kept. Pictures nobody ends up using are dropped by keepUsedIcons.
 */
export function offerPictures(
  draft: IconHolder,
  inputs: readonly AccountInput[],
  pictures: IconPictures = new Map(),
): AccountInput[] {
  for (const png of pictures.values()) {
    if (storablePicture(png) !== null) storePicture(draft, png);
  }
  return inputs.map((input) => {
    const icon: unknown = input?.icon;
    if (typeof icon !== 'object' || icon === null || (icon as AccountIcon).kind !== 'image') {
      return input;
    }
    const hash = (icon as { hash?: unknown }).hash;
    if (typeof hash === 'string' && iconPicture(draft, hash) !== undefined) return input;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { icon: _missing, ...rest } = input;
    return rest;
  });
}

/** A patch's picture must be one the store keeps (the window sets a new picture through setIconPicture). */
export function checkPatchIcon(draft: IconHolder, patch: AccountPatch): AccountPatch {
  const icon = patch?.icon;
  if (icon?.kind === 'image' && iconPicture(draft, String(icon.hash)) === undefined) {
    throw invalid('That picture is not in the vault; choose the picture again.');
  }
  return patch;
}

/** How many pictures a store holds and their PNG bytes together. */
function measure(store: IconStore | undefined): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  for (const png of Object.values(store ?? {})) {
    count++;
    bytes += base64Length(png);
  }
  return { count, bytes };
}

/**
 * Before a write: drops the pictures no account uses (a vault without pictures keeps no `icons`
 * field), and refuses with ICON_TOO_LARGE a change that grows the store past ICON_LIMITS.maxStored
 * pictures or maxStoreBytes. A store already past them (a newer Authdesk's) is never a reason to
 * refuse a change that does not add to it.
 */
export function keepUsedIcons(draft: IconHolder, before: IconHolder): void {
  const store = draft.icons;
  if (!store) return;
  const used = new Set<string>();
  for (const account of draft.accounts) {
    if (account.icon?.kind === 'image') used.add(account.icon.hash);
  }
  for (const hash of Object.keys(store)) if (!used.has(hash)) delete store[hash];
  const now = measure(store);
  if (now.count === 0) delete draft.icons;
  const was = measure(before.icons);
  if (now.count > ICON_LIMITS.maxStored && now.count > was.count) {
    throw new AuthdeskError(
      'ICON_TOO_LARGE',
      `The vault keeps at most ${ICON_LIMITS.maxStored} icon pictures; this change would make ${now.count}.`,
    );
  }
  if (now.bytes > ICON_LIMITS.maxStoreBytes && now.bytes > was.bytes) {
    throw new AuthdeskError(
      'ICON_TOO_LARGE',
      `The vault's icon pictures may take ${ICON_LIMITS.maxStoreBytes / 1024 / 1024} MB together (so that a backup of them can be restored); this change would make ${(now.bytes / 1024 / 1024).toFixed(1)} MB. Use brand icons or smaller pictures for some accounts.`,
    );
  }
}

/** The store's pictures as bytes, keeping only those that are storable under the hash they are named by. */
export function picturesOf(store: IconStore): Map<string, Uint8Array> {
  const pictures = new Map<string, Uint8Array>();
  for (const [hash, png] of Object.entries(store)) {
    const bytes = Buffer.from(png, 'base64');
    if (storablePicture(bytes) === hash) pictures.set(hash, bytes);
  }
  return pictures;
}

/** `{ icons }` with the pictures of `store` that `accounts` use, or {} when they use none. */
export function usedIcons(
  accounts: readonly { icon?: AccountIcon }[],
  store: IconStore | undefined,
): { icons?: IconStore } {
  const icons: IconStore = {};
  for (const account of accounts) {
    const icon = account.icon;
    if (icon?.kind === 'image' && store && Object.hasOwn(store, icon.hash)) {
      icons[icon.hash] = store[icon.hash]!;
    }
  }
  return Object.keys(icons).length > 0 ? { icons } : {};
}

/** The kept pictures among `hashes` as data: URLs (unknown hashes are left out). */
export function iconImages(payload: IconHolder, hashes: readonly string[]): Record<string, string> {
  const images: Record<string, string> = {};
  for (const hash of hashes) {
    const png = iconPicture(payload, hash);
    if (png !== undefined) images[hash] = `data:image/png;base64,${png}`;
  }
  return images;
}
