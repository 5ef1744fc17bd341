// A pending import as the renderer sees it: what was found, without any secret, ready to commit.
import type { AccountIcon, Algorithm, OtpType } from './account';
import type { ErrorCode } from './errors';
import type { BackupInfo } from './backup-info';

/** One account found in a source; `key` identifies it within its pending import. */
export interface ImportItem {
  key: string;
  issuer: string;
  label: string;
  type: OtpType;
  algorithm: Algorithm;
  digits: number;
  period: number;
  counter: number;
  /**
   * The id of an account in the vault with the same credential (secret, type, algorithm, digits,
   * period or counter), whatever its name: unticked at first (shared/duplicate-rule.ts).
   */
  duplicateOf: string | null;
  /** The id of an account in the vault with the same issuer and name but another credential. */
  sameNameAs: string | null;
  /** How many more times this very entry (identical in every field) was found in one file or scan. */
  repeats: number;
  /** Where it came from: a file name, "screen 1", "clipboard", "text". */
  source: string;
  /** Set when it came from a Google Authenticator export. */
  batch: { id: number; index: number; size: number } | null;
  /** The source's groups, folders or tags, as the account's tags will be. */
  tags?: string[];
  /** The source's own icon (an image one is fetched with getIconImages), or none: matched by name. */
  icon?: AccountIcon;
}

/** Something in a source that did not become an account, explained. */
export interface ImportProblem {
  source: string;
  code: ErrorCode;
  message: string;
  /** What was found instead, when it helps (e.g. the URL a non-OTP QR code held). */
  detail?: string;
  /**
   * Set when a QR code held bytes that are not text (not UTF-8, nor text in a character set the
   * code declares): how many. `detail` then says "binary data (N bytes)"; the bytes are never shown.
   */
  binaryBytes?: number;
  /** Only the entry's icon was left out (damaged, too large, unsafe): its account is imported. */
  iconOnly?: true;
}

/** How far a multi-part Google Authenticator export has been scanned. */
export interface GoogleExportProgress {
  id: number;
  size: number;
  /** 0-based batch indexes scanned so far. */
  scanned: number[];
}

export interface ImportPreview {
  id: string;
  /** Epoch ms; the pending import (and its secrets, held in main) is dropped then, or on lock. */
  expiresAt: number;
  items: ImportItem[];
  problems: ImportProblem[];
  google: GoogleExportProgress[];
  /** Set when an Authdesk backup was read into this import: what it says about itself. */
  backup?: BackupInfo;
}

/** A pending import lives this long in main. */
export const IMPORT_TTL_MS = 10 * 60 * 1000;
