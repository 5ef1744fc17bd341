// One pending import: the accounts found so far (secrets included, held only in main), its problems
// and its Google export batches, merged scan by scan and shown to the renderer without secrets.
import type { Account, AccountInput } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import type { GoogleExportProgress, ImportPreview, ImportProblem } from '../../shared/import';
import { isDuplicate } from '../vault/account-input';
import type { Batch, Found, FoundAccount } from './found';

interface Entry extends FoundAccount {
  key: string;
  identity: string;
}

/** Two finds of the very same account (a batch scanned twice, one code on two screenshots). */
function identityOf(a: AccountInput): string {
  return JSON.stringify([
    a.type,
    a.algorithm,
    a.digits,
    a.period,
    a.counter,
    a.secret,
    a.issuer,
    a.label,
  ]);
}

/** The same thing found again (a refused account of a batch scanned twice) is one problem, whatever the source. */
const problemKey = (p: ImportProblem) =>
  JSON.stringify(
    p.detail === undefined ? [p.source, p.code, p.message] : [p.code, p.message, p.detail],
  );
// Exports that share an id but not a size are different exports (some tools always write id 0).
const exportKey = (b: Batch) => `${b.id}/${b.size}`;

export class PendingImport {
  private readonly entries: Entry[] = [];
  private problems: ImportProblem[] = [];
  private readonly google = new Map<string, GoogleExportProgress>();
  private nextKey = 1;
  /** Set once an Authdesk backup was read into this import. */
  private backup: NonNullable<Found['backup']> | undefined;

  constructor(
    readonly id: string,
    public expiresAt: number,
  ) {}

  add(found: Found): void {
    if (found.backup)
      this.backup = { info: { ...found.backup.info }, groups: [...found.backup.groups] };
    const known = new Set(this.entries.map((e) => e.identity));
    for (const account of found.accounts) {
      const identity = identityOf(account.input);
      if (known.has(identity)) continue;
      known.add(identity);
      this.entries.push({ ...account, identity, key: String(this.nextKey++) });
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
    return {
      id: this.id,
      expiresAt: this.expiresAt,
      items: this.entries.map(({ key, input, source, batch }) => ({
        key,
        issuer: input.issuer,
        label: input.label,
        type: input.type,
        algorithm: input.algorithm,
        digits: input.digits,
        period: input.period,
        counter: input.counter,
        duplicateOf: existing.find((account) => isDuplicate(input, account))?.id ?? null,
        source,
        batch: batch && { ...batch },
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
