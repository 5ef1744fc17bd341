// The header of the accounts screen: brand, account count, and the import, backup, add, settings and
// lock buttons.
import { useTranslation } from 'react-i18next';
import { BrandMark, GearIcon, LockIcon, PlusIcon } from '../../ui/Icons';
import { ImportMenu, type MenuSource } from '../import/ImportMenu';
import { TransferMenu, type TransferAction } from '../backup-export/TransferMenu';

export function TopBar({
  mac,
  count,
  onAdd,
  onImport,
  importBusy,
  transferBusy,
  onTransfer,
  onSettings,
  onLock,
}: {
  mac: boolean;
  count: number | null;
  onAdd: () => void;
  onImport: (source: MenuSource) => void;
  importBusy: boolean;
  transferBusy: boolean;
  onTransfer: (action: TransferAction) => void;
  onSettings: () => void;
  onLock: () => void;
}) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <div className="topbar-brand">
        <BrandMark size={26} />
        <h1 className="topbar-name">{t('app.name')}</h1>
        {count !== null && count > 0 && (
          <span className="topbar-count">{t('accounts.count', { count })}</span>
        )}
      </div>
      <div className="topbar-actions">
        <ImportMenu busy={importBusy} onImport={onImport} />
        <TransferMenu
          busy={transferBusy}
          hasAccounts={count !== null && count > 0}
          onSelect={onTransfer}
        />
        <button
          type="button"
          className="button button-primary button-compact"
          aria-label={t('accounts.add')}
          onClick={onAdd}
        >
          <PlusIcon size={16} />
          <span className="hide-narrow">{t('accounts.add')}</span>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('accounts.settings')}
          title={t('accounts.settings')}
          onClick={onSettings}
        >
          <GearIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('accounts.lock')}
          title={t('accounts.lockShortcut', { keys: mac ? '⌘L' : 'Ctrl+L' })}
          aria-keyshortcuts={mac ? 'Meta+L' : 'Control+L'}
          onClick={onLock}
        >
          <LockIcon />
        </button>
      </div>
    </header>
  );
}
