// Settings › Sync while this computer is in a sync: its state, folder, last sync, problems, the
// computers, the pairing code, the sync password and the actions.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncDevice, SyncStatus } from '../../../shared/sync';
import { BusyButton } from '../../ui/BusyButton';
import { AlertIcon, CheckIcon, RefreshIcon } from '../../ui/Icons';
import { formatDateTime } from '../../ui/model/date-format';
import { SyncDevices } from './SyncDevices';
import { SyncPasswordForm } from './SyncPasswordForm';
import { SyncProblems } from './SyncProblems';

interface SyncOnViewProps {
  status: SyncStatus;
  busy: string | null;
  onSyncNow: () => void;
  onPair: () => void;
  onWithdraw: () => void;
  onRemove: (device: SyncDevice) => void;
  onStop: () => void;
  onStatus: (status: SyncStatus, message?: string) => void;
}

export function SyncOnView(props: SyncOnViewProps) {
  const { status, busy } = props;
  const { t, i18n } = useTranslation();
  const [passwordForm, setPasswordForm] = useState<'set' | 'remove' | null>(null);
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  const removed = status.phase === 'removed';
  const warn = removed || status.phase === 'paused';
  /** On, but something is held back (listed under Problems): not the all-clear tick. */
  const problems = status.problems.length > 0;
  const stateText = {
    idle: t('sync.stateIdle'),
    syncing: t('sync.stateSyncing'),
    paused: t('sync.statePaused'),
    removed: t('sync.stateRemoved'),
    off: '',
  }[status.phase];

  return (
    <>
      {warn ? (
        <div className="callout callout-warning" data-phase={status.phase}>
          <AlertIcon size={18} />
          <p>{stateText}</p>
        </div>
      ) : (
        <p
          className={problems ? 'backup-state sync-state-problem' : 'backup-state'}
          data-phase={status.phase}
        >
          {status.phase === 'syncing' ? (
            <RefreshIcon size={16} />
          ) : problems ? (
            <AlertIcon size={16} />
          ) : (
            <CheckIcon size={16} />
          )}
          {stateText}
        </p>
      )}
      <dl className="about">
        <dt>{t('sync.folder')}</dt>
        <dd className="mono selectable">{status.folder}</dd>
        {status.device && (
          <>
            <dt>{t('sync.thisDevice')}</dt>
            <dd>{status.device.name}</dd>
          </>
        )}
        <dt>{t('sync.lastSync')}</dt>
        <dd>{status.lastSync ? time(status.lastSync) : t('sync.never')}</dd>
        <dt>{t('sync.watching')}</dt>
        <dd>{t(status.polling ? 'sync.watchPolling' : 'sync.watchEvents')}</dd>
      </dl>
      <SyncProblems problems={status.problems} />
      {!removed && (
        <SyncDevices devices={status.devices} canRemove={!removed} onRemove={props.onRemove} />
      )}
      {!removed && status.pairing && (
        <div className="sync-pairing-active">
          <p>{t('sync.pairingActive', { time: time(status.pairing.expiresAt) })}</p>
          <BusyButton
            type="button"
            className="button button-compact"
            busy={busy === 'withdraw'}
            disabled={busy !== null}
            label={t('sync.withdraw')}
            busyLabel={t('sync.withdrawing')}
            onClick={props.onWithdraw}
          />
        </div>
      )}
      {!removed && (
        <div className="sync-password">
          <h4 className="field-label">{t('sync.passwordTitle')}</h4>
          {passwordForm ? (
            <SyncPasswordForm
              mode={passwordForm}
              onDone={(next) => {
                setPasswordForm(null);
                props.onStatus(
                  next,
                  t(passwordForm === 'set' ? 'sync.passwordSet' : 'sync.passwordRemoved'),
                );
              }}
              onCancel={() => setPasswordForm(null)}
            />
          ) : (
            <div className="sync-password-row">
              <p className="field-hint">
                {t(status.joinByPassword ? 'sync.passwordOn' : 'sync.passwordOff')}
              </p>
              <button
                type="button"
                className="button button-compact"
                disabled={busy !== null}
                onClick={() => setPasswordForm('set')}
              >
                {t(status.joinByPassword ? 'sync.changePassword' : 'sync.setPassword')}
              </button>
              {status.joinByPassword && (
                <button
                  type="button"
                  className="button button-compact"
                  disabled={busy !== null}
                  onClick={() => setPasswordForm('remove')}
                >
                  {t('sync.removePassword')}
                </button>
              )}
            </div>
          )}
        </div>
      )}
      <div className="backup-actions">
        {!removed && (
          <>
            <BusyButton
              type="button"
              className="button"
              busy={busy === 'now'}
              disabled={busy !== null}
              label={t('sync.syncNow')}
              busyLabel={t('sync.syncingNow')}
              onClick={props.onSyncNow}
              data-section-focus
            />
            <button
              type="button"
              className="button"
              disabled={busy !== null || status.phase === 'paused'}
              onClick={props.onPair}
            >
              {t('sync.addDevice')}
            </button>
          </>
        )}
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={props.onStop}
          data-section-focus={removed || undefined}
        >
          {t('sync.stop')}
        </button>
      </div>
    </>
  );
}
