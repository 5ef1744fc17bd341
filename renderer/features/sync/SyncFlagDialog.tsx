// What a sync merge did to an account: two secrets kept (this one from a device, the other in another
// account) or an account kept that a device deleted while another changed it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type AccountMeta } from '../../../shared/account';
import type { SyncFlag } from '../../../shared/sync';
import { call } from '../../api/api';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime } from '../../ui/model/date-format';

interface SyncFlagDialogProps {
  account: AccountMeta;
  flag: SyncFlag;
  onGotIt: () => void;
  onClose: () => void;
}

export function SyncFlagDialog({ account, flag, onGotIt, onClose }: SyncFlagDialogProps) {
  const { t, i18n } = useTranslation();
  /** The account holding the other secret, by name, once the list has been read. */
  const [other, setOther] = useState<string | null>(null);
  const otherId = flag.kind === 'secret-conflict' ? flag.other : undefined;
  useEffect(() => {
    if (!otherId) return;
    let live = true;
    call('listAccounts').then(
      (accounts) => {
        const found = accounts.find((a) => a.id === otherId);
        if (live && found) setOther(displayName(found));
      },
      // Without the list, the text says "another account": nothing else depends on it.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [otherId]);

  const name = displayName(account);
  const device = flag.device.name;
  return (
    <Dialog
      title={t('sync.flagTitle')}
      size="small"
      onClose={onClose}
      footer={
        // The dialog's own Close (×) leaves the flag; Got it clears it.
        <button type="button" className="button button-primary" onClick={onGotIt} data-autofocus>
          {t('sync.gotIt')}
        </button>
      }
    >
      <div className="stack">
        {flag.kind === 'secret-conflict' ? (
          <>
            <p>
              {t('sync.flagConflictBody', {
                name,
                device,
                other: other ?? t('sync.flagOtherGone'),
              })}
            </p>
            <p>{t('sync.flagConflictAdvice')}</p>
          </>
        ) : (
          <>
            <p>{t('sync.flagKeptBody', { name, device })}</p>
            <p>{t('sync.flagKeptAdvice')}</p>
          </>
        )}
        <p className="field-hint">
          {t('sync.flagAt', { time: formatDateTime(flag.at, i18n.language) })}
        </p>
      </div>
    </Dialog>
  );
}
