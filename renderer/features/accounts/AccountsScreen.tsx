// The unlocked window: header, search, the account list and the dialogs opened from it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import type { AppStatus } from '../../../shared/ipc';
import { call, errorCodeOf } from '../../api/api';
import { AccountList, type AccountListHandle } from './AccountList';
import type { RowAction } from './AccountRow';
import { AccountDialogs, type OpenDialog } from './AccountDialogs';
import { BackupFailedBanner } from '../backup-export/BackupFailedBanner';
import { ClockWarning } from '../settings/ClockWarning';
import { DropOverlay } from '../import/DropOverlay';
import { ImportDialog } from '../import/ImportDialog';
import { EmptyVault, NoMatch } from './EmptyState';
import { FilePasswordDialog } from '../import/FilePasswordDialog';
import { SearchBox } from './SearchBox';
import { TopBar } from './TopBar';
import { TransferDialogs, type TransferDialog } from '../backup-export/TransferDialogs';
import type { TransferAction } from '../backup-export/TransferMenu';
import { useAccountActions } from './useAccountActions';
import { useAccounts } from './useAccounts';
import { useCodes } from './useCodes';
import { useErrorText } from '../../api/useErrorText';
import { useImageDrop } from '../import/useImageDrop';
import { isScanning, useImport } from '../import/useImport';
import { usePasteImport } from '../import/usePasteImport';
import type { SettingsState } from '../settings/useSettings';
import { useShortcuts } from './useShortcuts';
import { useToast } from '../../ui/useToast';
import { buildSearchIndex, filterAccounts } from '../../../shared/account-search';
import { displayOrder } from './model/account-order';
import type { PasteAction } from '../import/model/paste';

interface AccountsScreenProps {
  status: AppStatus;
  settingsState: SettingsState;
  onLocked: () => void;
}

export function AccountsScreen({ status, settingsState, onLocked }: AccountsScreenProps) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [transfer, setTransfer] = useState<TransferDialog | null>(null);
  const [query, setQuery] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<AccountListHandle>(null);

  const onError = useCallback(
    (error: unknown) => {
      if (errorCodeOf(error) === 'VAULT_LOCKED') onLocked();
      else notify(errorText(error), { tone: 'error' });
    },
    [errorText, notify, onLocked],
  );
  const accounts = useAccounts(onError);
  const codes = useCodes(onError);
  const actions = useAccountActions({
    accounts,
    skewMs: codes.skewMs,
    onError,
    announce: setAnnouncement,
  });

  const importer = useImport(onError);
  const { run: runImport } = importer;
  const importOpen = importer.preview !== null;
  const onPaste = useCallback(
    (action: PasteAction) => {
      if (action.kind === 'secret') {
        if (importOpen) notify(t('import.finishFirst'), { tone: 'error' });
        else setDialog({ kind: 'add', secret: action.text });
      } else if (action.kind === 'nothing') {
        notify(t('import.pasteNothing'), { tone: 'error' });
      } else {
        void runImport(action.kind === 'clipboard' ? { kind: 'clipboard' } : action);
      }
    },
    [importOpen, notify, runImport, t],
  );
  // The other dialogs are modal and have their own fields; the import preview takes more codes.
  usePasteImport(dialog === null && transfer === null, onPaste);
  // Images are scanned for QR codes; other files are read as backups or other apps' exports.
  const dragging = useImageDrop(
    dialog === null && transfer === null,
    (files) => void runImport({ kind: 'dropped', files }),
  );
  const onTransfer = useCallback(
    (action: TransferAction) => {
      if (action === 'restore') void runImport({ kind: 'file' });
      else setTransfer(action);
    },
    [runImport],
  );
  const onImported = useCallback(
    (added: AccountMeta[]) => {
      notify(t('import.imported', { count: added.length }), { tone: 'success' });
      // One new TOTP account is usually an AWS MFA device being registered right now.
      const [only] = added;
      if (added.length === 1 && only?.type === 'totp') {
        setDialog({ kind: 'aws', id: only.id, afterAdd: true });
      }
    },
    [notify, t],
  );

  const ordered = useMemo(() => displayOrder(accounts.list ?? []), [accounts.list]);
  const index = useMemo(() => buildSearchIndex(ordered), [ordered]);
  // Filtering 1,000 prepared keys takes well under a millisecond, so it runs on every keystroke
  // without useDeferredValue, whose lag would let Enter copy the match for an older query.
  const shown = useMemo(() => filterAccounts(index, query), [index, query]);

  const lock = useCallback(() => {
    setDialog(null);
    call('lock').then(onLocked, onError);
  }, [onError, onLocked]);

  useShortcuts({
    lock,
    find: () => search.current?.select(),
    add: () => setDialog({ kind: 'add' }),
    typeToSearch: () => search.current?.focus(),
  });

  const onAction = useCallback(
    (action: RowAction, account: AccountMeta) => {
      switch (action) {
        case 'copyNext':
          return void actions.copy(account, 'next');
        case 'hotpNext':
          return void actions.nextHotp(account);
        case 'pin':
          return void actions.togglePin(account);
        case 'moveUp':
        case 'moveDown':
          return actions.step(account, shown, action === 'moveUp' ? 'up' : 'down');
        case 'aws':
          return setDialog({ kind: 'aws', id: account.id, afterAdd: false });
        case 'edit':
        case 'delete':
        case 'reveal':
          return setDialog({ kind: action, id: account.id });
      }
    },
    [actions, shown],
  );
  const onCopy = useCallback((account: AccountMeta) => void actions.copy(account), [actions]);

  // Where the focus goes once the dialogs have closed: the new row after adding an account, the
  // neighbouring row after a confirmed delete (the dialog itself returns it to its opener otherwise).
  const focusAfterDialog = useRef<string | null>(null);
  const onAdded = useCallback((account: AccountMeta) => {
    focusAfterDialog.current = account.id;
  }, []);
  const onDeleted = useCallback(
    (account: AccountMeta) => {
      const at = shown.findIndex((a) => a.id === account.id);
      const neighbour = shown[at + 1] ?? shown[at - 1];
      focusAfterDialog.current = at >= 0 && neighbour ? neighbour.id : null;
    },
    [shown],
  );
  // After the dialog's own focus return (children's effects are cleaned up before this one runs).
  useEffect(() => {
    const id = focusAfterDialog.current;
    if (dialog !== null || id === null) return;
    const at = shown.findIndex((a) => a.id === id);
    if (at >= 0) {
      focusAfterDialog.current = null;
      list.current?.focusRow(at);
    } else if (accounts.list?.some((a) => a.id === id)) {
      focusAfterDialog.current = null; // in the vault but hidden by the search: leave the focus be
    }
  }, [dialog, shown, accounts.list]);

  const total = ordered.length;
  // The preview says for itself what it is doing; before it opens, the status line does.
  const busyText = importOpen
    ? null
    : isScanning(importer.busy)
      ? t('import.scanning')
      : importer.busy === 'file'
        ? t('backup.opening')
        : null;
  const filtering = query.trim() !== '';
  return (
    <div className="app">
      <TopBar
        mac={status.platform === 'darwin'}
        count={accounts.list ? total : null}
        onAdd={() => setDialog({ kind: 'add' })}
        onImport={(kind) => void runImport({ kind })}
        importBusy={isScanning(importer.busy) && !importOpen}
        transferBusy={importer.busy === 'file' && !importOpen}
        onTransfer={onTransfer}
        onSettings={() => setDialog({ kind: 'settings' })}
        onLock={lock}
      />
      {total > 0 && (
        <div className="toolbar">
          <SearchBox
            ref={search}
            value={query}
            onChange={setQuery}
            onEnterList={() => list.current?.focusRow(0)}
            onSubmit={() => shown[0] && onCopy(shown[0])}
            status={filtering ? t('accounts.matches', { shown: shown.length, total }) : null}
          />
        </div>
      )}
      <BackupFailedBanner
        onOpenSettings={() => setDialog({ kind: 'settings' })}
        onError={onError}
      />
      <ClockWarning settingsState={settingsState} onError={onError} />
      <main className="list-area">
        {accounts.list === null ? null : total === 0 ? (
          <EmptyVault
            onAdd={() => setDialog({ kind: 'add' })}
            onScan={() => void runImport({ kind: 'screen' })}
          />
        ) : shown.length === 0 ? (
          <NoMatch query={query} />
        ) : (
          <AccountList
            ref={list}
            accounts={shown}
            codes={codes}
            onCopy={onCopy}
            onAction={onAction}
            onMove={actions.move}
            onExitTop={() => search.current?.focus()}
          />
        )}
      </main>
      <p className="visually-hidden" role="status" aria-live="polite">
        {busyText ?? announcement}
      </p>
      {importer.preview && (
        <ImportDialog
          preview={importer.preview}
          importer={importer}
          accounts={accounts.list ?? []}
          onCommitted={onImported}
        />
      )}
      {importer.locked[0] && (
        <FilePasswordDialog
          key={importer.locked[0].fileId}
          file={importer.locked[0]}
          busy={importer.busy === 'unlock'}
          onUnlock={importer.unlock}
          onClose={importer.skipLocked}
        />
      )}
      <TransferDialogs
        open={transfer}
        accounts={accounts.list ?? []}
        onClose={() => setTransfer(null)}
      />
      {dragging && <DropOverlay />}
      <AccountDialogs
        dialog={dialog}
        setDialog={setDialog}
        accounts={accounts.list ?? []}
        codes={codes}
        status={status}
        settingsState={settingsState}
        copy={actions.copy}
        onError={onError}
        onAdded={onAdded}
        onDeleted={onDeleted}
      />
    </div>
  );
}
