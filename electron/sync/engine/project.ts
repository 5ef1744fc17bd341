// The vault's contents as the merged state makes them: per field the newest version (the HOTP
// counter: the highest), the settlements of resolve.ts applied, deleted accounts left out, the list
// sorted by position, the tag list from TAGS_RECORD (and any tag an account holds), the pictures
// accounts use from ICONS_RECORD. Also what diff.ts compares the vault against.
import type { Account } from '../../../shared/account';
import type { IconStore } from '../../vault/icon-store';
import { ICONS_RECORD, TAGS_RECORD, type DeviceId, type Edit, type SyncState } from '../types';
import {
  COUNTER,
  CREDENTIAL,
  fieldsToAccount,
  POSITION,
  TAG_PREFIX,
  validValue,
  valueKey,
} from './fields';
import { hlcWall } from './hlc';
import { comparePositions } from './positions';
import { deletion, settle } from './resolve';
import { latest, recordsOf, type RecordState, type Version } from './state';

/** Fields of TAGS_RECORD: `name:<key>` (the spelling, null once removed) and `position:<key>`. */
export const TAG_NAME = 'name:';
export const TAG_POSITION = 'position:';

export interface Projection {
  accounts: Account[];
  groups: string[];
  icons: IconStore;
  /** The settlements as edits, for this device's next change (resolve.ts). */
  settlements: Edit[];
  /** The chosen values of each live account's fields (settlements included). */
  fields: Map<string, Map<string, unknown>>;
  /** Records the state holds (live, deleted or not accounts at all). */
  known: Set<string>;
  /** TAGS_RECORD's live tags: key → position. */
  tagPositions: Map<string, string | null>;
  /** TAGS_RECORD's live tags: key → spelling. */
  tagNames: Map<string, string>;
  /** Picture hashes ICONS_RECORD holds. */
  pictures: Set<string>;
}

/** The chosen value of one field: the newest valid version; for the counter, the highest. */
export function chooseValue(field: string, versions: readonly Version[] | undefined): unknown {
  if (!versions || versions.length === 0) return undefined;
  if (versions.length === 1) {
    const only = versions[0]!.v;
    return validValue(field, only) ? only : undefined;
  }
  const valid = versions.filter((version) => validValue(field, version.v));
  if (field === COUNTER) {
    return valid.reduce<number | undefined>(
      (max, version) => Math.max(max ?? 0, version.v as number),
      undefined,
    );
  }
  return latest(valid)?.v;
}

interface Live {
  id: string;
  record: RecordState;
  position: string | null;
  deletes: Version[];
}

export function project(state: SyncState, names: Record<DeviceId, string>): Projection {
  const records = recordsOf(state);
  const known = new Set(Object.keys(records));
  const live: Live[] = [];
  for (const [id, record] of Object.entries(records)) {
    if (id === TAGS_RECORD || id === ICONS_RECORD) continue;
    const { deletes, dead } = deletion(record);
    if (dead) continue;
    const position = chooseValue(POSITION, record[POSITION]);
    live.push({ id, record, position: typeof position === 'string' ? position : null, deletes });
  }
  live.sort(comparePositions);

  const settlements: Edit[] = [];
  const chosen: {
    id: string;
    position: string | null;
    values: Map<string, unknown>;
    hlc: string;
  }[] = [];
  const valuesOf = live.map((item) => chooseAll(item.record));
  // Which live accounts hold a credential: a secret already on another account gets no copy.
  let holders: Map<string, string[]> | null = null;
  const holderOf = (credential: unknown, self: string): string | null => {
    if (!holders) {
      holders = new Map();
      live.forEach((item, index) => {
        const key = valueKey(valuesOf[index]!.get(CREDENTIAL));
        const ids = holders!.get(key);
        if (ids) ids.push(item.id);
        else holders!.set(key, [item.id]);
      });
    }
    return holders.get(valueKey(credential))?.find((id) => id !== self) ?? null;
  };
  live.forEach((item, index) => {
    const values = valuesOf[index]!;
    const next = live[index + 1]?.position ?? null;
    const value = (field: string) => values.get(field);
    const held = (credential: unknown) => holderOf(credential, item.id);
    const settlement = settle(item.id, item.record, item.deletes, value, next, names, held);
    const hlc = newestStamp(item.record);
    chosen.push({ id: item.id, position: item.position, values, hlc });
    if (!settlement) return;
    for (const [field, v] of settlement.set) {
      settlements.push({ record: item.id, field, value: v });
      values.set(field, v);
    }
    for (const [copyId, fields] of settlement.adds) {
      // A copy already live in the state is that entry, settled again (never a second entry).
      const at = live.findIndex((other) => other.id === copyId);
      const copy = at >= 0 ? valuesOf[at]! : chooseAll(records[copyId]);
      for (const [field, v] of fields) {
        settlements.push({ record: copyId, field, value: v });
        copy.set(field, v);
      }
      const position = fields.get(POSITION) as string;
      if (at < 0) chosen.push({ id: copyId, position, values: copy, hlc });
      else if (at > index) live[at]!.position = position;
      else chosen.find((entry) => entry.id === copyId)!.position = position;
    }
  });
  // Copies may have landed anywhere; the list order is by position throughout.
  chosen.sort(comparePositions);

  const tagRecord = records[TAGS_RECORD] ?? {};
  const tagNames = new Map<string, string>();
  const tagPositions = new Map<string, string | null>();
  for (const field of Object.keys(tagRecord)) {
    if (!field.startsWith(TAG_NAME)) continue;
    const key = field.slice(TAG_NAME.length);
    const name = newestString(tagRecord[field]);
    if (typeof name !== 'string' || name === '') continue;
    tagNames.set(key, name);
    const position = chooseValue(POSITION, tagRecord[TAG_POSITION + key]);
    tagPositions.set(key, typeof position === 'string' ? position : null);
  }
  const groupKeys = [...tagNames.keys()]
    .map((key) => ({ id: key, position: tagPositions.get(key) ?? null }))
    .sort(comparePositions)
    .map((item) => item.id);
  const order = new Map(groupKeys.map((key, index) => [key, index]));
  const groups = groupKeys.map((key) => tagNames.get(key)!);
  const spelling = new Map(tagNames);

  const iconRecord = records[ICONS_RECORD] ?? {};
  const pictures = new Set(Object.keys(iconRecord));
  const icons: IconStore = {};
  const fields = new Map<string, Map<string, unknown>>();
  const accounts: Account[] = [];
  for (const item of chosen) {
    const tags: { key: string; name: string }[] = [];
    const values = item.values;
    for (const [field, v] of values) {
      if (!field.startsWith(TAG_PREFIX) || typeof v !== 'string') continue;
      const key = field.slice(TAG_PREFIX.length);
      if (!order.has(key)) {
        // A tag added to an account while another device took it off the list: back on the list.
        order.set(key, order.size);
        groups.push(v);
        spelling.set(key, v);
      }
      tags.push({ key, name: spelling.get(key)! });
    }
    tags.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
    const updatedAt = new Date(hlcWall(item.hlc)).toISOString();
    const account = fieldsToAccount(
      item.id,
      (field) => values.get(field),
      tags.map((tag) => tag.name),
      updatedAt,
    );
    if (!account) continue;
    accounts.push(account);
    fields.set(item.id, values);
    if (account.icon?.kind === 'image') {
      const picture = newestString(iconRecord[account.icon.hash]);
      if (typeof picture === 'string') icons[account.icon.hash] = picture;
    }
  }
  return { accounts, groups, icons, settlements, fields, known, tagPositions, tagNames, pictures };
}

/** The chosen value of each field the record holds. */
function chooseAll(record: RecordState | undefined): Map<string, unknown> {
  const values = new Map<string, unknown>();
  if (!record) return values;
  for (const field of Object.keys(record)) {
    const value = chooseValue(field, record[field]);
    if (value !== undefined) values.set(field, value);
  }
  return values;
}

/** The newest version's value when it is text (the tag list's names, the pictures). */
function newestString(versions: readonly Version[] | undefined): string | undefined {
  const value = latest(versions ?? [])?.v;
  return typeof value === 'string' ? value : undefined;
}

/** The newest stamp among the record's versions, moves excepted: the account's updatedAt. */
function newestStamp(record: RecordState): string {
  let newest = '';
  for (const [field, versions] of Object.entries(record)) {
    if (field === POSITION) continue;
    for (const version of versions) if (version.h > newest) newest = version.h;
  }
  return newest;
}
