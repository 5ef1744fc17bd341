// The changes the crash soak's writer makes, numbered, so the test can replay exactly what was acknowledged.
import type { Vault } from '../../electron/vault/vault';
import { sampleInput } from './vault-fixtures';

export type SoakOp =
  | { kind: 'add'; tag: string }
  | { kind: 'note'; tag: string; note: string }
  | { kind: 'remove'; tag: string };

/** Writer `run`'s change number `j`: add, add, change the note of the last add, remove the first. */
export function soakOp(run: string, j: number): SoakOp {
  switch (j % 4) {
    case 0:
    case 1:
      return { kind: 'add', tag: `${run}-${j}` };
    case 2:
      return { kind: 'note', tag: `${run}-${j - 1}`, note: `note ${j}` };
    default:
      return { kind: 'remove', tag: `${run}-${j - 3}` };
  }
}

const issuerOf = (tag: string) => sampleInput(tag).issuer;

/** What the vault should hold: issuer → note ('' for none). */
export type SoakModel = Map<string, string>;

export function applyToModel(model: SoakModel, op: SoakOp): void {
  const issuer = issuerOf(op.tag);
  if (op.kind === 'add') model.set(issuer, '');
  else if (op.kind === 'note') model.set(issuer, op.note);
  else model.delete(issuer);
}

export function modelOf(vault: Vault): SoakModel {
  return new Map(vault.list().map((account) => [account.issuer, account.note ?? '']));
}

export async function applyToVault(vault: Vault, op: SoakOp): Promise<void> {
  if (op.kind === 'add') {
    await vault.add(sampleInput(op.tag));
    return;
  }
  const issuer = issuerOf(op.tag);
  const account = vault.list().find((a) => a.issuer === issuer);
  if (!account) throw new Error(`soak writer: ${issuer} is missing`);
  if (op.kind === 'note') await vault.update(account.id, { note: op.note });
  else await vault.remove(account.id);
}
