// What the vault holds now against what the merged state last projected into it: everything any
// door did since (the window, the command line, an import, a restore) as edits of this device.
import type { Account } from '../../../shared/account';
import { tagKey } from '../../../shared/tags';
import { ICONS_RECORD, TAGS_RECORD, type Edit } from '../types';
import { accountFields, DELETED, POSITION, sameValue, TAG_PREFIX } from './fields';
import { reposition } from './positions';
import type { Projection } from './project';
import { TAG_NAME, TAG_POSITION } from './project';
import type { SyncedContents } from './contents';

/**
 * The edits that make `base` into `local`. `lead` (a device's first round after joining): the
 * accounts already in the sync, which the vault's own accounts are placed after.
 */
export function diffContents(local: SyncedContents, base: Projection, lead?: Projection): Edit[] {
  const edits: Edit[] = [];
  const localIds = new Set<string>();
  for (const account of local.accounts) {
    localIds.add(account.id);
    diffAccount(account, base, edits);
  }
  for (const id of base.fields.keys()) {
    if (!localIds.has(id)) edits.push({ record: id, field: DELETED, value: true });
  }
  const ahead = lead ? lead.accounts.map((a) => a.id).filter((id) => !localIds.has(id)) : [];
  const moves = reposition([...ahead, ...local.accounts.map((account) => account.id)], (id) => {
    const position = (lead?.fields.get(id) ?? base.fields.get(id))?.get(POSITION);
    return typeof position === 'string' ? position : null;
  });
  for (const [id, position] of moves) edits.push({ record: id, field: POSITION, value: position });
  diffTags(local.groups, base, edits, lead);
  diffPictures(local, base, edits);
  return edits;
}

function diffAccount(account: Account, base: Projection, edits: Edit[]): void {
  const before = base.fields.get(account.id);
  const now = accountFields(account);
  if (!before && base.known.has(account.id)) {
    // The account is deleted in the merged state but the vault has it (written back by a door).
    edits.push({ record: account.id, field: DELETED, value: false });
  }
  for (const [field, value] of now) {
    if (!before || !sameValue(before.get(field), value)) {
      edits.push({ record: account.id, field, value });
    }
  }
  if (!before) return;
  for (const [field, value] of before) {
    if (field.startsWith(TAG_PREFIX) && value !== null && !now.has(field)) {
      edits.push({ record: account.id, field, value: null });
    }
  }
}

function diffTags(
  groups: readonly string[],
  base: Projection,
  edits: Edit[],
  lead?: Projection,
): void {
  const keys: string[] = [];
  const seen = new Set<string>();
  // Joining: the sync's tag list as it is, then the tags only this vault had.
  const ahead = lead ? lead.groups.map(tagKey) : [];
  for (const key of ahead) seen.add(key);
  for (const name of groups) {
    const key = tagKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    keys.push(key);
    if (base.tagNames.get(key) !== name) {
      edits.push({ record: TAGS_RECORD, field: TAG_NAME + key, value: name });
    }
  }
  if (!lead) {
    for (const key of base.tagNames.keys()) {
      if (!seen.has(key)) edits.push({ record: TAGS_RECORD, field: TAG_NAME + key, value: null });
    }
  }
  const position = (key: string) => lead?.tagPositions.get(key) ?? base.tagPositions.get(key);
  for (const [key, moved] of reposition([...ahead, ...keys], position)) {
    edits.push({ record: TAGS_RECORD, field: TAG_POSITION + key, value: moved });
  }
}

/** Pictures are written once: a hash names its bytes. */
function diffPictures(local: SyncedContents, base: Projection, edits: Edit[]): void {
  const added = new Set<string>();
  for (const account of local.accounts) {
    const icon = account.icon;
    if (icon?.kind !== 'image' || base.pictures.has(icon.hash) || added.has(icon.hash)) continue;
    const picture = local.icons[icon.hash];
    if (typeof picture !== 'string') continue;
    added.add(icon.hash);
    edits.push({ record: ICONS_RECORD, field: icon.hash, value: picture });
  }
}
