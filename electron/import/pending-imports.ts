// The pending imports of this session, keyed by a random id: opened by a scan, grown by more scans
// (`into`), then committed or cancelled; dropped after IMPORT_TTL_MS or as soon as the vault locks.
import { randomUUID } from 'node:crypto';
import type { Account, AccountInput } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import { IMPORT_TTL_MS, type ImportPreview } from '../../shared/import';
import type { Clock, Timers } from '../ports';
import { PendingImport } from './pending-import';
import type { Found } from './found';

export interface ImportVault {
  /** The accounts now; throws VAULT_LOCKED while locked. */
  list(): Account[];
  /** One write for all; with skipDuplicates false, duplicates of the vault are added too. */
  addMany(
    inputs: AccountInput[],
    options: { skipDuplicates: false; pictures?: ReadonlyMap<string, Uint8Array> },
  ): Promise<{ added: Account[] }>;
}

/** The renderer keeps one preview open; older ones only linger until they expire. */
const MAX_PENDING = 8;

const expired = () =>
  new AuthdeskError(
    'IMPORT_EXPIRED',
    'This import has expired or was dropped when the vault locked. Scan the code again.',
  );

export class PendingImports {
  private readonly pending = new Map<string, { item: PendingImport; timer: unknown }>();
  /** Bumped on every lock, so that a scan that was running then cannot keep its secrets. */
  private generation = 0;

  constructor(private readonly deps: { clock: Clock; timers: Timers; vault: ImportVault }) {}

  /**
   * Runs a scan and adds what it found to the import `into` (or a new one). null when the scan
   * was called off (a file dialog closed without choosing).
   */
  add(into: string | undefined, scan: () => Promise<Found>): Promise<ImportPreview>;
  add(into: string | undefined, scan: () => Promise<Found | null>): Promise<ImportPreview | null>;
  async add(
    into: string | undefined,
    scan: () => Promise<Found | null>,
  ): Promise<ImportPreview | null> {
    this.deps.vault.list(); // VAULT_LOCKED before any slow work
    if (into !== undefined) this.get(into);
    const generation = this.generation;
    const found = await scan();
    if (found === null) return null;
    if (generation !== this.generation) throw expired();
    const existing = this.deps.vault.list();
    const item = into === undefined ? this.open() : this.get(into);
    item.add(found);
    this.arm(item);
    return item.preview(existing);
  }

  /** Adds the chosen accounts in one write and closes the import; IMPORT_EXPIRED if it is gone. */
  async commit(id: string, keys: readonly string[]): Promise<Account[]> {
    return this.commitWith(id, keys, async (inputs, _groups, pictures) =>
      // Duplicates of the vault are added too: the user ticked them.
      inputs.length > 0
        ? (await this.deps.vault.addMany(inputs, { skipDuplicates: false, pictures })).added
        : [],
    );
  }

  /**
   * Closes the import and hands the chosen accounts (and a backup's groups, and the icon pictures
   * they name) to `write`, e.g. a restore that replaces the vault. If `write` fails nothing was
   * written: the import stays open.
   */
  async commitWith<T>(
    id: string,
    keys: readonly string[],
    write: (
      inputs: AccountInput[],
      groups: string[],
      pictures: Map<string, Uint8Array>,
    ) => Promise<T>,
  ): Promise<T> {
    const item = this.get(id);
    const inputs = item.select(keys);
    // Taken out first, so that a second commit of the same import cannot add everything twice.
    this.drop(id);
    const generation = this.generation;
    try {
      return await write(inputs, item.groups(), item.iconPictures());
    } catch (error) {
      // Nothing was added (the write is all or nothing): the user may try again.
      if (generation === this.generation) this.arm(item);
      throw error;
    }
  }

  cancel(id: string): void {
    this.drop(id);
  }

  /** The pictures among `hashes` that open imports hold, as data: URLs (the preview shows them). */
  iconImages(hashes: readonly string[]): Record<string, string> {
    const images: Record<string, string> = {};
    for (const hash of hashes) {
      for (const { item } of this.pending.values()) {
        if (this.deps.clock.now() >= item.expiresAt) continue;
        const png = item.iconPicture(hash);
        if (png) {
          images[hash] = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
          break;
        }
      }
    }
    return images;
  }

  /** Forgets every pending import and its secrets (the vault locked). */
  dropAll(): void {
    this.generation++;
    for (const id of [...this.pending.keys()]) this.drop(id);
  }

  get size(): number {
    return this.pending.size;
  }

  private get(id: string): PendingImport {
    const entry = this.pending.get(id);
    // The clock is checked too: a timer can fire late after the computer slept.
    if (entry && this.deps.clock.now() >= entry.item.expiresAt) this.drop(id);
    else if (entry) return entry.item;
    throw expired();
  }

  private open(): PendingImport {
    while (this.pending.size >= MAX_PENDING) this.drop(this.pending.keys().next().value!);
    return new PendingImport(randomUUID(), 0);
  }

  /** (Re)starts the clock: an import the user is still adding to stays open. */
  private arm(item: PendingImport): void {
    const old = this.pending.get(item.id);
    if (old) this.deps.timers.clearTimeout(old.timer);
    item.expiresAt = this.deps.clock.now() + IMPORT_TTL_MS;
    const timer = this.deps.timers.setTimeout(() => this.drop(item.id), IMPORT_TTL_MS);
    this.pending.set(item.id, { item, timer });
  }

  private drop(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.deps.timers.clearTimeout(entry.timer);
    this.pending.delete(id);
  }
}
