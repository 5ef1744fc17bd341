// The header's Backup menu: back up to a file, restore or import one, and export to another device.
import { useTranslation } from 'react-i18next';
import { BackupIcon, FileTextIcon, FolderIcon, QrIcon } from '../../ui/Icons';
import { MenuButton } from '../../ui/Menu';
import { Spinner } from '../../ui/Spinner';

export type TransferAction =
  'backup' | 'restore' | 'exportGoogle' | 'exportAegis' | 'exportAegisPlain' | 'exportText';

export function TransferMenu({
  busy,
  hasAccounts,
  onSelect,
}: {
  /** A file is being opened. */
  busy: boolean;
  hasAccounts: boolean;
  onSelect: (action: TransferAction) => void;
}) {
  const { t } = useTranslation();
  return (
    <MenuButton
      label={t('backup.menuLabel')}
      text={busy ? t('backup.opening') : t('backup.menu')}
      icon={busy ? <Spinner /> : <BackupIcon size={16} />}
      className="transfer-menu"
      items={() => [
        {
          key: 'backup',
          label: t('backup.backUp'),
          icon: <BackupIcon size={16} />,
          onSelect: () => onSelect('backup'),
        },
        {
          key: 'restore',
          label: t('backup.restore'),
          icon: <FolderIcon size={16} />,
          disabled: busy,
          onSelect: () => onSelect('restore'),
        },
        {
          key: 'exportGoogle',
          label: t('backup.exportGoogle'),
          icon: <QrIcon size={16} />,
          disabled: !hasAccounts,
          onSelect: () => onSelect('exportGoogle'),
        },
        {
          key: 'exportText',
          label: t('backup.exportText'),
          icon: <FileTextIcon size={16} />,
          disabled: !hasAccounts,
          onSelect: () => onSelect('exportText'),
        },
        {
          key: 'exportAegis',
          label: t('backup.exportAegis'),
          icon: <BackupIcon size={16} />,
          disabled: !hasAccounts,
          onSelect: () => onSelect('exportAegis'),
        },
        {
          key: 'exportAegisPlain',
          label: t('backup.exportAegisPlain'),
          icon: <FileTextIcon size={16} />,
          disabled: !hasAccounts,
          onSelect: () => onSelect('exportAegisPlain'),
        },
      ]}
    />
  );
}
