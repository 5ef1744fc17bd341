// The one duplicate rule of every door (the window's import and Add dialog, `authdesk import`,
// `scan --add`, `add`) and of the vault's own re-check when it writes (issue 14, "nothing is lost"):
// - against the vault, an entry with the SAME CREDENTIAL as an account there (secret, type,
//   algorithm, digits, and the period of a time-based code or the counter of an HOTP one) is
//   "already in the vault as …", whatever its name; the same name with another credential is new,
//   with a note;
// - inside one file or scan, only entries identical in every field are one entry: the later ones
//   are repeats of the first. Entries that differ in anything (the name included) are all kept.
// Keys, not pairwise comparisons, so that judging 10,000 entries stays linear.
import type { AccountInput } from './account';
import { tagKey } from './tags';

/** As normalizeSecret, but never throws: for comparing keys that may not be valid yet. */
export function canonicalSecret(secret: string): string {
  return secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const name = (value: unknown): string => text(value).normalize('NFC').toLowerCase();

/** What computes the codes: two accounts with the same key give the same codes. */
export function credentialKey(a: AccountInput): string {
  const secret = typeof a.secret === 'string' ? canonicalSecret(a.secret) : '';
  // A time-based code depends on its period, an HOTP code on its counter, not the other way round.
  const step = a.type === 'hotp' ? `counter ${a.counter ?? 0}` : `period ${a.period}`;
  return JSON.stringify([a.type, a.algorithm, a.digits, step, secret]);
}

/** The issuer and account name as a person reads them: trimmed, in any case. */
export function nameKey(a: Pick<AccountInput, 'issuer' | 'label'>): string {
  return JSON.stringify([name(a.issuer), name(a.label)]);
}

/** The tags as a set: "Work, home" and "home, work" are the same tags (shared/tags.ts). */
function tagsKey(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  return [...new Set(tags.filter((t): t is string => typeof t === 'string').map(tagKey))].sort();
}

/** Every field an account holds: only entries with the same key are the same entry. */
export function entryKey(a: AccountInput): string {
  return JSON.stringify([
    credentialKey(a),
    text(a.issuer),
    text(a.label),
    tagsKey(a.tags),
    text(a.note),
    a.pinned === true,
    text(a.awsSerial),
  ]);
}

/** Same secret, type, algorithm, digits and period (or counter for HOTP). */
export function sameCredential(a: AccountInput, b: AccountInput): boolean {
  return credentialKey(a) === credentialKey(b);
}

/** What the rule says about one entry of a batch. */
export type Verdict<T> =
  /** New to the vault; `sameNameAs` is an account there with the same name but another credential. */
  | { kind: 'new'; sameNameAs: T | null }
  /** An account with the same credential is in the vault already. */
  | { kind: 'in-vault'; account: T }
  /** Identical in every field to the entry at index `of` (0-based) of the same batch. */
  | { kind: 'repeat'; of: number };

/**
 * Each input judged against the accounts there and the inputs before it. A repeat is named as one
 * even when its first is in the vault (the first says so), so every line says what happens to it.
 */
export function judgeEntries<T extends AccountInput>(
  existing: readonly T[],
  inputs: readonly AccountInput[],
): Verdict<T>[] {
  const byCredential = new Map<string, T>();
  const byName = new Map<string, T>();
  for (const account of existing) {
    const credential = credentialKey(account);
    if (!byCredential.has(credential)) byCredential.set(credential, account);
    const named = nameKey(account);
    if (!byName.has(named)) byName.set(named, account);
  }
  const firsts = new Map<string, number>();
  return inputs.map((input, index): Verdict<T> => {
    const entry = entryKey(input);
    const first = firsts.get(entry);
    if (first !== undefined) return { kind: 'repeat', of: first };
    firsts.set(entry, index);
    const same = byCredential.get(credentialKey(input));
    if (same) return { kind: 'in-vault', account: same };
    return { kind: 'new', sameNameAs: byName.get(nameKey(input)) ?? null };
  });
}
