// Settings › Sync: off (start on the first computer, join from the others), the start form, or on
// (state, folder, last sync, problems, the computers with a way to remove one, the pairing code, the
// sync password, sync now, stop). The join and pairing screens and the confirmations open over it.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncDevice, SyncStatus } from '../../../shared/sync';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { BusyButton } from '../../ui/BusyButton';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FormError } from '../../ui/FormError';
import { useSectionAction } from '../../ui/usePendingFocus';
import { useToast } from '../../ui/useToast';
import { JoinSyncDialog } from './JoinSyncDialog';
import { PairingDialog } from './PairingDialog';
import { RemoveDeviceDialog } from './RemoveDeviceDialog';
import { SyncOnView } from './SyncOnView';
import { SyncStartForm } from './SyncStartForm';
import { useSyncStatus } from './useSyncStatus';

type Chosen = { handle: string; folder: string };
type Busy = 'start' | 'join' | 'now' | 'stop' | 'withdraw';

interface SyncSectionProps {
  onError: (error: unknown) => void;
  /** Settings opened here (the main window's sync banner): the section's main button gets the keyboard. */
  autoFocus?: boolean;
}

export function SyncSection({ onError, autoFocus = false }: SyncSectionProps) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const titleId = useId();
  const section = useRef<HTMLElement>(null);
  const sync = useSyncStatus(onError);
  const [startFolder, setStartFolder] = useState<Chosen | null>(null);
  const [joinFolder, setJoinFolder] = useState<Chosen | null>(null);
  const [pairing, setPairing] = useState(false);
  const [removing, setRemoving] = useState<SyncDevice | null>(null);
  const [stopping, setStopping] = useState(false);
  const { status } = sync;

  const { busy, error, setError, refocus, act } = useSectionAction<Busy>(section, errorText);

  // The status arrives after the dialog opened: the section is brought into view once it is drawn.
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (!autoFocus || focusedOnce.current || status === null) return;
    focusedOnce.current = true;
    const target = section.current?.querySelector<HTMLElement>('[data-section-focus]');
    section.current?.scrollIntoView({ block: 'start' });
    target?.focus();
  }, [autoFocus, status]);

  const chooseFolder = (kind: 'start' | 'join') =>
    void act(
      kind,
      () => call('chooseSyncFolder'),
      (folder) => folder && (kind === 'start' ? setStartFolder(folder) : setJoinFolder(folder)),
    );

  const applied = (next: SyncStatus, message?: string) => {
    sync.set(next);
    if (message) notify(message, { tone: 'success' });
  };

  let body;
  if (status === null) {
    body = null;
  } else if (status.phase !== 'off') {
    body = (
      <SyncOnView
        status={status}
        busy={busy}
        onSyncNow={() =>
          void act(
            'now',
            () => call('syncNow'),
            (next) => applied(next),
          )
        }
        onPair={() => setPairing(true)}
        onWithdraw={() =>
          void act(
            'withdraw',
            () => call('withdrawSyncPairing'),
            (next) => applied(next, t('sync.withdrawn')),
          )
        }
        onRemove={setRemoving}
        onStop={() => setStopping(true)}
        onStatus={(next, message) => applied(next, message)}
      />
    );
  } else if (startFolder) {
    body = (
      <SyncStartForm
        folder={startFolder}
        onChooseFolder={() => chooseFolder('start')}
        onStarted={(next) => {
          setStartFolder(null);
          applied(next, t('sync.started'));
          refocus();
        }}
        onCancel={() => {
          setStartFolder(null);
          refocus();
        }}
      />
    );
  } else {
    body = (
      <>
        <p className="field-hint">{t('sync.offIntro')}</p>
        <p className="field-hint">{t('sync.offHint')}</p>
        <div className="backup-actions">
          <BusyButton
            type="button"
            className="button"
            busy={busy === 'start'}
            disabled={busy !== null}
            label={t('sync.start')}
            busyLabel={t('sync.start')}
            onClick={() => chooseFolder('start')}
            data-section-focus
          />
          <BusyButton
            type="button"
            className="button"
            busy={busy === 'join'}
            disabled={busy !== null}
            label={t('sync.join')}
            busyLabel={t('sync.join')}
            onClick={() => chooseFolder('join')}
          />
        </div>
      </>
    );
  }

  return (
    <section ref={section} className="settings-section sync-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="section-title">
        {t('sync.title')}
      </h3>
      {body}
      <FormError error={stopping ? null : error} />
      {joinFolder && status?.phase === 'off' && (
        <JoinSyncDialog
          folder={joinFolder}
          onChooseFolder={async () => {
            const folder = await call('chooseSyncFolder');
            if (folder) setJoinFolder(folder);
          }}
          onJoined={(next) => {
            setJoinFolder(null);
            applied(next, t('sync.joined'));
            refocus();
          }}
          onClose={() => setJoinFolder(null)}
        />
      )}
      {pairing && status && status.phase !== 'off' && (
        <PairingDialog
          status={status}
          onStatus={(next) => applied(next)}
          onClose={() => {
            setPairing(false);
            refocus();
          }}
        />
      )}
      {removing && status && (
        <RemoveDeviceDialog
          device={removing}
          joinByPassword={status.joinByPassword}
          onRemoved={(next) => {
            setRemoving(null);
            applied(next, t('sync.removed', { name: removing.name }));
            refocus();
          }}
          onClose={() => setRemoving(null)}
        />
      )}
      {stopping && (
        <ConfirmDialog
          title={t('sync.stopTitle')}
          confirmLabel={t('sync.stopConfirm')}
          busyLabel={t('sync.stopping')}
          busy={busy === 'stop'}
          error={error}
          onConfirm={() =>
            void act(
              'stop',
              () => call('stopSync'),
              (next) => {
                setStopping(false);
                applied(next, t('sync.stopped'));
              },
            )
          }
          onClose={() => {
            setStopping(false);
            setError(null);
          }}
        >
          <p>{t('sync.stopBody')}</p>
          <p>{t('sync.stopAgain')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
