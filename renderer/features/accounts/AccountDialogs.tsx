// Opens the one dialog the accounts screen asks for: add, edit, delete, AWS helper, QR reveal, settings
// or the tag manager.
import type { AccountMeta } from '../../../shared/account';
import type { AppStatus } from '../../../shared/ipc';
import type { CopyCode } from './useAccountActions';
import type { Codes } from './useCodes';
import type { SettingsState } from '../settings/useSettings';
import { AddAccountDialog } from './AddAccountDialog';
import { AwsHelperDialog } from './AwsHelperDialog';
import { DeleteAccountDialog } from './DeleteAccountDialog';
import { EditAccountDialog } from './EditAccountDialog';
import { RevealDialog } from '../backup-export/RevealDialog';
import { SettingsDialog } from '../settings/SettingsDialog';
import { TagManagerDialog } from '../tags/TagManagerDialog';

export type OpenDialog =
  | { kind: 'add'; secret?: string }
  | { kind: 'settings'; section?: 'clock' | 'sync' }
  | { kind: 'tags' }
  | { kind: 'edit' | 'delete' | 'reveal'; id: string }
  | { kind: 'aws'; id: string; afterAdd: boolean };

interface AccountDialogsProps {
  dialog: OpenDialog | null;
  setDialog: (dialog: OpenDialog | null) => void;
  accounts: AccountMeta[];
  codes: Codes;
  status: AppStatus;
  settingsState: SettingsState;
  copy: CopyCode;
  onError: (error: unknown) => void;
  /** After an account was added (the AWS helper may still follow). */
  onAdded?: (account: AccountMeta) => void;
  /** After an account was deleted, before its dialog closes. */
  onDeleted?: (account: AccountMeta) => void;
}

export function AccountDialogs(props: AccountDialogsProps) {
  const { dialog, setDialog, accounts, codes } = props;
  const close = () => setDialog(null);
  if (!dialog) return null;
  if (dialog.kind === 'add') {
    return (
      <AddAccountDialog
        initialSecret={dialog.secret}
        accounts={accounts}
        onClose={close}
        onAdded={(account) => {
          props.onAdded?.(account);
          setDialog(
            account.type === 'totp' ? { kind: 'aws', id: account.id, afterAdd: true } : null,
          );
        }}
      />
    );
  }
  if (dialog.kind === 'settings') {
    return (
      <SettingsDialog
        section={dialog.section}
        status={props.status}
        settingsState={props.settingsState}
        onError={props.onError}
        onClose={close}
      />
    );
  }
  if (dialog.kind === 'tags') {
    return <TagManagerDialog accounts={accounts} onClose={close} />;
  }
  // The account may have gone (deleted elsewhere, e.g. by the CLI); then there is nothing to show.
  const account = accounts.find((a) => a.id === dialog.id);
  if (!account) return null;
  switch (dialog.kind) {
    case 'edit':
      return <EditAccountDialog key={account.id} account={account} onClose={close} />;
    case 'delete':
      return (
        <DeleteAccountDialog
          account={account}
          onClose={close}
          onDeleted={() => props.onDeleted?.(account)}
        />
      );
    case 'reveal':
      return <RevealDialog account={account} onClose={close} />;
    case 'aws':
      return (
        <AwsHelperDialog
          account={account}
          entry={codes.byId.get(account.id)}
          skewMs={codes.skewMs}
          afterAdd={dialog.afterAdd}
          copy={props.copy}
          onClose={close}
          onCheckClock={() => setDialog({ kind: 'settings', section: 'clock' })}
        />
      );
  }
}
