// Unlocking with the OS keychain, as the renderer sees it: whether it can be used here and whether it is on.

/** Why the OS keychain cannot be used: none at all, or Linux's plain-text fallback (no keyring). */
export type KeychainReason = 'unavailable' | 'basic_text';

export interface KeychainStatus {
  /** Whether the OS keychain can protect the vault key on this machine now. */
  available: boolean;
  /** Why not, when it cannot; null when it can. */
  reason: KeychainReason | null;
  /** Whether the vault file has a system slot (read from the file: known while locked). */
  enabled: boolean;
}
