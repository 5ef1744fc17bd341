// The row's "more" menu: copy next code, AWS helper, edit, pin, show as QR code, move and delete.
import type { AccountMeta } from '../../../shared/account';
import {
  ArrowDownIcon,
  ArrowUpIcon,
  CopyIcon,
  EditIcon,
  MoreIcon,
  PinIcon,
  QrIcon,
  ShieldIcon,
  TrashIcon,
} from '../../ui/Icons';
import { MenuButton, type MenuItem } from '../../ui/Menu';
import { useRowTexts } from './useRowTexts';

export type RowAction =
  | 'copyNext'
  | 'aws'
  | 'edit'
  | 'delete'
  | 'pin'
  | 'reveal'
  | 'moveUp'
  | 'moveDown'
  | 'hotpNext'
  | 'sortManual';

interface RowMenuProps {
  account: AccountMeta;
  tabIndex: number;
  first: boolean;
  last: boolean;
  /** Sorted by name or use, moving is offered as a switch to manual order instead. */
  reorderable: boolean;
  openSignal: number;
  onAction: (action: RowAction, account: AccountMeta) => void;
}

export function RowMenu(props: RowMenuProps) {
  const { account, tabIndex, first, last, reorderable, openSignal, onAction } = props;
  const texts = useRowTexts();
  const { t } = texts;
  const timed = account.type !== 'hotp';
  const item = (key: RowAction, label: string, icon: React.ReactNode, extra = {}): MenuItem => ({
    key,
    label,
    icon,
    onSelect: () => onAction(key, account),
    ...extra,
  });
  const items = (): MenuItem[] => [
    ...(timed ? [item('copyNext', t('menu.copyNext'), <CopyIcon size={16} />)] : []),
    ...(account.type === 'totp' ? [item('aws', t('menu.aws'), <ShieldIcon size={16} />)] : []),
    item('edit', t('menu.edit'), <EditIcon size={16} />),
    item('pin', account.pinned ? t('menu.unpin') : t('menu.pin'), <PinIcon size={16} />),
    item('reveal', t('transfer.menu'), <QrIcon size={16} />),
    ...(reorderable
      ? [
          item('moveUp', t('menu.moveUp'), <ArrowUpIcon size={16} />, { disabled: first }),
          item('moveDown', t('menu.moveDown'), <ArrowDownIcon size={16} />, { disabled: last }),
        ]
      : [item('sortManual', t('list.sortManualToMove'), <ArrowUpIcon size={16} />)]),
    item('delete', t('menu.delete'), <TrashIcon size={16} />, { danger: true }),
  ];
  return (
    <MenuButton
      label={texts.menu(account.issuer || account.label || texts.noName)}
      icon={<MoreIcon />}
      items={items}
      className="row-menu"
      tabIndex={tabIndex}
      openSignal={openSignal}
    />
  );
}
