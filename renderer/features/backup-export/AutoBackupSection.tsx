// Settings › Automatic backups: off (with the way to turn them on), the setup form, or on (folder, how
// many are kept, the last backup or its failure, back up now, turn off).
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../shared/transfer';
import { call } from '../../api/api';
import { useBackupStatus } from './useBackupStatus';
import { useErrorText } from '../../api/useErrorText';
import { useSectionAction } from '../../ui/usePendingFocus';
import { useToast } from '../../ui/useToast';
import { autoBackupErrorText } from './model/backup-error';
import { formatDateTime } from '../../ui/model/date-format';
import { AutoBackupSetupForm } from './AutoBackupSetupForm';
import { BackupKeepSelect } from './BackupKeepSelect';
import { BusyButton } from '../../ui/BusyButton';
import { FormError } from '../../ui/FormError';
import { AlertIcon, CheckIcon, FolderIcon } from '../../ui/Icons';

type Busy = 'folder' | 'keep' | 'now' | 'off';

export function AutoBackupSection({ onError }: { onError: (error: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const titleId = useId();
  const section = useRef<HTMLElement>(null);
  const backup = useBackupStatus(onError);
  /** The folder main's dialog returned: its handle for enableAutoBackup, and the path to show. */
  const [setupFolder, setSetupFolder] = useState<{ handle: string; folder: string } | null>(null);
  const { status } = backup;

  const { busy, error, refocus, act } = useSectionAction<Busy>(section, errorText);

  const chooseFolder = () =>
    act(
      'folder',
      () => call('chooseBackupFolder'),
      (folder) => folder && setSetupFolder(folder),
    );

  const applied = (next: BackupStatus, message?: string) => {
    backup.set(next);
    if (message) notify(message, { tone: 'success' });
  };

  const time = (iso: string) => formatDateTime(iso, i18n.language);

  return (
    <section
      ref={section}
      className="settings-section auto-backup-section"
      aria-labelledby={titleId}
    >
      <h3 id={titleId} className="section-title">
        {t('backup.autoTitle')}
      </h3>
      {status === null ? null : status.enabled ? (
        <>
          <p className="backup-state">
            <CheckIcon size={16} />
            {t('backup.autoOn')}
          </p>
          <dl className="about">
            <dt>{t('backup.autoFolder')}</dt>
            <dd className="mono selectable">{status.folder}</dd>
            <dt>{t('backup.autoLast')}</dt>
            <dd title={status.last?.path}>
              {status.last ? time(status.last.at) : t('backup.autoNone')}
            </dd>
          </dl>
          {status.error && (
            <div className="callout callout-warning" role="alert">
              <AlertIcon size={18} />
              <p>
                {t('backup.autoFailedAt', {
                  time: time(status.error.at),
                  error: autoBackupErrorText(status.error.code, t),
                })}
              </p>
            </div>
          )}
          <BackupKeepSelect
            value={status.keep}
            onChange={(keep) =>
              void act(
                'keep',
                () => call('setAutoBackupKeep', { keep }),
                (next) => applied(next),
              )
            }
          />
          <div className="backup-actions">
            <BusyButton
              type="button"
              className="button"
              busy={busy === 'now'}
              disabled={busy !== null}
              data-section-focus
              label={t('backup.autoNow')}
              busyLabel={t('backup.working')}
              onClick={() =>
                void act(
                  'now',
                  () => call('backupNow'),
                  (next) =>
                    applied(
                      next,
                      !next.error && next.last
                        ? t('backup.autoSaved', { path: next.last.path })
                        : undefined,
                    ),
                )
              }
            />
            <BusyButton
              type="button"
              className="button"
              busy={busy === 'off'}
              disabled={busy !== null}
              label={t('backup.autoTurnOff')}
              busyLabel={t('backup.autoTurnOff')}
              onClick={() =>
                void act(
                  'off',
                  () => call('disableAutoBackup'),
                  (next) => applied(next, t('backup.autoTurnedOff')),
                )
              }
            />
          </div>
        </>
      ) : setupFolder ? (
        <AutoBackupSetupForm
          folder={setupFolder}
          onChooseFolder={() => void chooseFolder()}
          onEnabled={(next) => {
            setSetupFolder(null);
            applied(next, next.error ? undefined : t('backup.autoTurnedOn'));
            refocus();
          }}
          onCancel={() => {
            setSetupFolder(null);
            refocus();
          }}
        />
      ) : (
        <>
          <p className="field-hint">{t('backup.autoOff')}</p>
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void chooseFolder()}
            data-section-focus
          >
            <FolderIcon size={16} />
            {t('backup.autoTurnOn')}
          </button>
        </>
      )}
      <FormError error={error} />
    </section>
  );
}
