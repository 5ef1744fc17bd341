// Removing another computer from the sync: what it means (the key changes; a sync password is
// withdrawn too, that computer knew it), and the vault password again.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncDevice, SyncStatus } from '../../../shared/sync';
import { call } from '../../api/api';
import { BusyButton } from '../../ui/BusyButton';
import { Dialog } from '../../ui/Dialog';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';

interface RemoveDeviceDialogProps {
  device: SyncDevice;
  joinByPassword: boolean;
  onRemoved: (status: SyncStatus) => void;
  onClose: () => void;
}

export function RemoveDeviceDialog(props: RemoveDeviceDialogProps) {
  const { device, joinByPassword, onRemoved, onClose } = props;
  const { t } = useTranslation();
  const formId = useId();
  const bodyId = useId();
  const form = useVaultPasswordForm({
    run: async (password) => {
      onRemoved(await call('removeSyncDevice', { id: device.id, password }));
    },
  });
  const name = device.name;
  return (
    <Dialog
      title={t('sync.removeTitle', { name })}
      role="alertdialog"
      size="small"
      describedBy={bodyId}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <BusyButton
            form={formId}
            className="button button-danger"
            busy={form.busy}
            label={t('sync.removeSubmit')}
            busyLabel={t('sync.removing')}
          />
        </>
      }
    >
      <VaultPasswordForm id={formId} form={form}>
        <div id={bodyId} className="stack">
          <p>{t('sync.removeBody', { name })}</p>
          {joinByPassword && <p>{t('sync.removeBodyPassword', { name })}</p>}
        </div>
      </VaultPasswordForm>
    </Dialog>
  );
}
