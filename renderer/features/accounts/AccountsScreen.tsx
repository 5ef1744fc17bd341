// The unlocked window: header, search, the account list and the dialogs opened from it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import type { AppStatus } from '../../../shared/ipc';
import { call, errorCodeOf } from '../../api/api';
import { AccountList, type AccountListHandle } from './AccountList';
import type { RowAction } from './AccountRow';
import { AccountDialogs, type OpenDialog } from './AccountDialogs';
import { BackupFailedBanner } from '../backup-export/BackupFailedBanner';
import { ClockWarning } from '../settings/ClockWarning';
import { SyncNotices } from '../sync/SyncNotices';
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
import type { Settings } from '../../../shared/settings';
import type { SettingsState } from '../settings/useSettings';
import { useShortcuts } from './useShortcuts';
import { useToast } from '../../ui/useToast';
import { FilterEmpty } from './list-view/FilterEmpty';
import { TagChips } from './list-view/TagChips';
import { useListView } from './list-view/useListView';
import { ViewMenu } from './list-view/ViewMenu';
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

  // Sorted, narrowed by the tag chip and the search, cut into rows. Filtering 1,000 prepared keys
  // takes well under a millisecond, so it runs on every keystroke without useDeferredValue, whose
  // lag would let Enter copy the match for an older query.
  const view = useListView(accounts.list, settingsState, query, onError);
  const { shown, rows } = view;
  const firstShown = rows.find((row) => row.kind === 'account')?.account;

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
          return; // within the row's section, by the list itself (AccountList)
        case 'sortManual':
          return void settingsState
            .update({ sortOrder: 'manual' })
            .then(() => notify(t('list.sortedManually'), { tone: 'success' }), onError);
        case 'aws':
          return setDialog({ kind: 'aws', id: account.id, afterAdd: false });
        case 'edit':
        case 'delete':
        case 'reveal':
          return setDialog({ kind: action, id: account.id });
      }
    },
    [actions, settingsState, notify, t, onError],
  );
  const onCopy = useCallback((account: AccountMeta) => void actions.copy(account), [actions]);
  const onReorderRefused = useCallback(
    () => notify(t('list.reorderManualOnly'), { tone: 'error' }),
    [notify, t],
  );
  const setView = useCallback(
    (patch: Partial<Settings>) => void settingsState.update(patch).catch(onError),
    [settingsState, onError],
  );

  // Where the focus goes once the dialogs have closed: the new row after adding an account, the
  // neighbouring row after a confirmed delete (the dialog itself returns it to its opener otherwise).
  const focusAfterDialog = useRef<string | null>(null);
  const onAdded = useCallback((account: AccountMeta) => {
    focusAfterDialog.current = account.id;
  }, []);
  const onDeleted = useCallback(
    (account: AccountMeta) => {
      // The account shown below it, or above it at the end (once, under its first tag).
      const order = [...new Set(rows.flatMap((r) => (r.kind === 'account' ? [r.account.id] : [])))];
      const at = order.indexOf(account.id);
      const neighbour = order[at + 1] ?? order[at - 1];
      focusAfterDialog.current = at >= 0 && neighbour ? neighbour : null;
    },
    [rows],
  );
  // After the dialog's own focus return (children's effects are cleaned up before this one runs).
  useEffect(() => {
    const id = focusAfterDialog.current;
    if (dialog !== null || id === null) return;
    if (list.current?.focusAccount(id)) {
      focusAfterDialog.current = null;
    } else if (accounts.list?.some((a) => a.id === id)) {
      // In the vault but hidden by the search, the chip or a collapsed header: leave the focus be.
      focusAfterDialog.current = null;
    }
  }, [dialog, rows, accounts.list]);

  const total = view.total;
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
      <BackupFailedBanner
        onOpenSettings={() => setDialog({ kind: 'settings' })}
        onError={onError}
      />
      <ClockWarning settingsState={settingsState} onError={onError} />
      <SyncNotices
        onOpenSettings={() => setDialog({ kind: 'settings', section: 'sync' })}
        onError={onError}
      />
      <main className="list-area">
        {total > 0 && (
          <div className="toolbar">
            <div className="toolbar-row">
              <SearchBox
                ref={search}
                value={query}
                onChange={setQuery}
                onEnterList={() => list.current?.focusRow(0)}
                onSubmit={() => firstShown && onCopy(firstShown)}
                status={
                  filtering
                    ? t('accounts.matches', { shown: shown.length, total: view.inFilter.length })
                    : null
                }
              />
              <ViewMenu
                settings={view.settings}
                onChange={setView}
                onManageTags={() => setDialog({ kind: 'tags' })}
              />
            </div>
            {view.tags.length > 0 && (
              <TagChips
                tags={view.tags}
                value={view.filter}
                onChange={view.setFilter}
                onManage={() => setDialog({ kind: 'tags' })}
              />
            )}
          </div>
        )}
        {accounts.list === null ? null : total === 0 ? (
          <EmptyVault
            onAdd={() => setDialog({ kind: 'add' })}
            onScan={() => void runImport({ kind: 'screen' })}
          />
        ) : shown.length === 0 ? (
          filtering ? (
            <NoMatch query={query} />
          ) : (
            <FilterEmpty filter={view.filter} />
          )
        ) : (
          <AccountList
            ref={list}
            rows={rows}
            codes={codes}
            density={view.settings.listDensity}
            showNextCode={view.settings.showNextCode}
            reorderable={view.settings.sortOrder === 'manual'}
            onCopy={onCopy}
            onAction={onAction}
            onMove={actions.move}
            onReorderRefused={onReorderRefused}
            onToggleHeader={view.toggleHeader}
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
