// One pending import: the accounts found so far (secrets included, held only in main), its problems
// and its Google export batches, merged scan by scan and shown to the renderer without secrets.
import type { Account, AccountInput } from '../../shared/account';
import { entryKey, judgeEntries, type Verdict } from '../../shared/duplicate-rule';
import { AuthdeskError } from '../../shared/errors';
import type { GoogleExportProgress, ImportPreview, ImportProblem } from '../../shared/import';
import type { Batch, Found, FoundAccount } from './found';

interface Entry extends FoundAccount {
  key: string;
  /** Identical in every field (shared/duplicate-rule.ts entryKey): the same entry found again. */
  identity: string;
  /** The most times one file or scan held it beyond the first. */
  repeats: number;
}

/** The same thing found again (a refused account of a batch scanned twice) is one problem, whatever the source. */
const problemKey = (p: ImportProblem) =>
  JSON.stringify(
    p.detail === undefined ? [p.source, p.code, p.message] : [p.code, p.message, p.detail],
  );
// Exports that share an id but not a size are different exports (some tools always write id 0).
const exportKey = (b: Batch) => `${b.id}/${b.size}`;

/** The rule's word on an entry, as the preview carries it (entries are already unique here). */
function verdictOf(verdict: Verdict<Account>): {
  duplicateOf: string | null;
  sameNameAs: string | null;
} {
  if (verdict.kind === 'in-vault') return { duplicateOf: verdict.account.id, sameNameAs: null };
  if (verdict.kind === 'new')
    return { duplicateOf: null, sameNameAs: verdict.sameNameAs?.id ?? null };
  return { duplicateOf: null, sameNameAs: null };
}

export class PendingImport {
  private readonly entries: Entry[] = [];
  private problems: ImportProblem[] = [];
  private readonly google = new Map<string, GoogleExportProgress>();
  private nextKey = 1;
  /** Set once an Authdesk backup was read into this import. */
  private backup: NonNullable<Found['backup']> | undefined;
  /** The icon pictures the entries name, by hash (Found.pictures). */
  private readonly pictures = new Map<string, Uint8Array>();

  constructor(
    readonly id: string,
    public expiresAt: number,
  ) {}

  add(found: Found): void {
    if (found.backup)
      this.backup = { info: { ...found.backup.info }, groups: [...found.backup.groups] };
    for (const [hash, png] of found.pictures ?? []) this.pictures.set(hash, png);
    // Only entries identical in every field are one (a batch scanned twice, one code on two
    // screenshots, a file that lists an account twice); anything that differs is kept.
    const known = new Map(this.entries.map((e) => [e.identity, e]));
    const times = new Map<string, number>();
    for (const account of found.accounts) {
      const identity = entryKey(account.input);
      const seen = (times.get(identity) ?? 0) + 1;
      times.set(identity, seen);
      const entry = known.get(identity);
      if (entry) {
        // Repeats inside this one find are named; the same code scanned again later is not one.
        entry.repeats = Math.max(entry.repeats, seen - 1);
        continue;
      }
      const added: Entry = { ...account, identity, repeats: 0, key: String(this.nextKey++) };
      known.set(identity, added);
      this.entries.push(added);
    }
    this.addProblems(found);
    for (const batch of found.batches) {
      const progress = this.google.get(exportKey(batch)) ?? {
        id: batch.id,
        size: batch.size,
        scanned: [],
      };
      if (!progress.scanned.includes(batch.index)) {
        progress.scanned = [...progress.scanned, batch.index].sort((a, b) => a - b);
      }
      this.google.set(exportKey(batch), progress);
    }
  }

  private addProblems(found: Found): void {
    // A source scanned again (the screen, a file dropped again) reports afresh: its old
    // "no code found" is out of date whatever this scan found.
    const rescanned = new Set([...found.accounts, ...found.problems].map((x) => x.source));
    this.problems = this.problems.filter(
      (p) => !(p.code === 'QR_NOT_FOUND' && rescanned.has(p.source)),
    );
    const seen = new Set(this.problems.map(problemKey));
    for (const problem of found.problems) {
      if (seen.has(problemKey(problem))) continue;
      seen.add(problemKey(problem));
      this.problems.push(problem);
    }
  }

  /** What the renderer sees: no secret, and duplicates judged against the vault as it is now. */
  preview(existing: readonly Account[]): ImportPreview {
    const verdicts = judgeEntries(
      existing,
      this.entries.map((e) => e.input),
    );
    return {
      id: this.id,
      expiresAt: this.expiresAt,
      items: this.entries.map(({ key, input, source, batch, repeats }, index) => ({
        key,
        issuer: input.issuer,
        label: input.label,
        type: input.type,
        algorithm: input.algorithm,
        digits: input.digits,
        period: input.period,
        counter: input.counter,
        ...verdictOf(verdicts[index]!),
        repeats,
        source,
        batch: batch && { ...batch },
        ...(input.icon && { icon: { ...input.icon } }),
        ...(input.tags && { tags: [...input.tags] }),
      })),
      problems: this.problems.map((p) => ({ ...p })),
      google: [...this.google.values()].map((g) => ({ ...g, scanned: [...g.scanned] })),
      ...(this.backup && { backup: { ...this.backup.info } }),
    };
  }

  /** The groups of the backup read into this import, in its order; [] when there was none. */
  groups(): string[] {
    return [...(this.backup?.groups ?? [])];
  }

  /** The icon pictures its entries name, by hash (the commit hands them to the vault). */
  iconPictures(): Map<string, Uint8Array> {
    return new Map(this.pictures);
  }

  /** A picture of this import as the preview shows it, or undefined. */
  iconPicture(hash: string): Uint8Array | undefined {
    return this.pictures.get(hash);
  }

  /** The accounts behind the chosen keys, in the order found; INVALID_ARGUMENT for a key not here. */
  select(keys: readonly string[]): AccountInput[] {
    const wanted = new Set(keys);
    const chosen = this.entries.filter((e) => wanted.delete(e.key));
    if (wanted.size > 0) {
      throw new AuthdeskError(
        'INVALID_ARGUMENT',
        'Some of the chosen accounts are not part of this import.',
      );
    }
    return chosen.map((e) => e.input);
  }
}
