// The header's Import menu: scan the screen, choose image files, or paste from the clipboard.
import { useTranslation } from 'react-i18next';
import type { ImportRequest } from './useImport';
import { ClipboardIcon, ImageIcon, ScanIcon } from '../../ui/Icons';
import { MenuButton } from '../../ui/Menu';
import { Spinner } from '../../ui/Spinner';

export type MenuSource = Extract<ImportRequest['kind'], 'screen' | 'files' | 'clipboard'>;

export function ImportMenu({
  busy,
  onImport,
}: {
  busy: boolean;
  onImport: (source: MenuSource) => void;
}) {
  const { t } = useTranslation();
  return (
    <MenuButton
      label={t('import.menuLabel')}
      text={busy ? t('import.scanning') : t('import.menu')}
      icon={busy ? <Spinner /> : <ScanIcon size={16} />}
      className="import-menu"
      items={() => [
        {
          key: 'screen',
          label: t('import.scanScreen'),
          icon: <ScanIcon size={16} />,
          disabled: busy,
          onSelect: () => onImport('screen'),
        },
        {
          key: 'files',
          label: t('import.chooseFiles'),
          icon: <ImageIcon size={16} />,
          disabled: busy,
          onSelect: () => onImport('files'),
        },
        {
          key: 'clipboard',
          label: t('import.paste'),
          icon: <ClipboardIcon size={16} />,
          disabled: busy,
          onSelect: () => onImport('clipboard'),
        },
      ]}
    />
  );
}
