// Opens the one dialog the Backup menu asks for: back up to a file, or export to another device.
import type { AccountMeta } from '../../../shared/account';
import { BackupDialog } from './BackupDialog';
import { ExportAegisDialog } from './ExportAegisDialog';
import { ExportGoogleDialog } from './ExportGoogleDialog';
import { ExportTextDialog } from './ExportTextDialog';
import type { TransferAction } from './TransferMenu';

/** Restoring goes through the import preview, not a dialog of its own. */
export type TransferDialog = Exclude<TransferAction, 'restore'>;

export function TransferDialogs({
  open,
  accounts,
  onClose,
}: {
  open: TransferDialog | null;
  accounts: AccountMeta[];
  onClose: () => void;
}) {
  switch (open) {
    case 'backup':
      return <BackupDialog onClose={onClose} />;
    case 'exportGoogle':
      return <ExportGoogleDialog accounts={accounts} onClose={onClose} />;
    case 'exportText':
      return <ExportTextDialog accounts={accounts} onClose={onClose} />;
    case 'exportAegis':
      return <ExportAegisDialog accounts={accounts} onClose={onClose} />;
    case 'exportAegisPlain':
      return <ExportTextDialog accounts={accounts} onClose={onClose} format="aegis-plain" />;
    case null:
      return null;
  }
}
