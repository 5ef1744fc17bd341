// How an account's icon is chosen and stored: a brand icon from the offline set (simple-icons), an
// image the user gave (kept, resized, inside the encrypted vault), or the letter avatar. An account
// without an `icon` field is matched automatically from its issuer and account name at display time.

/**
 * brand: a brand icon chosen by the user or by an import (a simple-icons slug, or one of our own
 *   badge keys for brands simple-icons does not carry; shared/brand-icons).
 * image: a picture kept in the vault's icon store, named by the SHA-256 (hex) of its PNG bytes; the
 *   same picture used by several accounts is stored once.
 * letter: the user chose the letter avatar; no automatic match.
 */
export type AccountIcon =
  { kind: 'brand'; slug: string } | { kind: 'image'; hash: string } | { kind: 'letter' };

export const ICON_KINDS = ['brand', 'image', 'letter'] as const;

/** A brand key: simple-icons slugs are lower-case letters and digits, six with an underscore. */
export const BRAND_SLUG_PATTERN = /^[a-z0-9_]{1,64}$/;
/** The SHA-256 of a stored PNG, lower-case hex. */
export const ICON_HASH_PATTERN = /^[0-9a-f]{64}$/;

export const ICON_LIMITS = {
  /** Stored pictures are at most this many pixels wide and high (fitted, aspect kept). */
  size: 128,
  /** A stored PNG is at most this long; a picture that does not fit is refused (ICON_TOO_LARGE). */
  maxStoredBytes: 64 * 1024,
  /** A source file (PNG, JPEG, WebP, SVG) may be at most this long ... */
  maxSourceBytes: 5 * 1024 * 1024,
  /** ... and hold at most this many pixels, checked from its header before decoding. */
  maxSourcePixels: 4096 * 4096,
  /** Pictures a vault keeps at most (one per account at most, shared when identical). */
  maxStored: 10_000,
  /**
   * All of a vault's pictures together, in PNG bytes. A backup carries them base64 inside its
   * base64 ciphertext (about 1.8× on disk) and must stay under the 20 MB an import reads
   * (IMPORT_FILE_MAX_BYTES), with room for the accounts: about 500 to 1,500 ordinary icons.
   */
  maxStoreBytes: 8 * 1024 * 1024,
} as const;
