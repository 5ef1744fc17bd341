// The pairing screen: a new pairing code for another computer to join with, as text in groups of four
// and as a QR code, the time it stays valid, copy; when a computer joins, it says so. The code stays
// valid after Done until it expires or a computer joins (main withdraws it then); Withdraw ends it now.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAIRING_CODE_TTL_MS, type PairingOffer, type SyncStatus } from '../../../shared/sync';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { BusyButton } from '../../ui/BusyButton';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';
import { CopyIcon, CheckIcon } from '../../ui/Icons';
import { useLatest } from '../../ui/useLatest';
import { useNow } from '../../ui/useNow';
import { useToast } from '../../ui/useToast';
import { formatLeft } from './model/sync-texts';
import { copyText } from './model/copy-text';

interface PairingDialogProps {
  status: SyncStatus;
  onStatus: (status: SyncStatus) => void;
  onClose: () => void;
}

/**
 * The offer, when it ends on this window's clock (main's clock may run corrected by an offset), and
 * the computers in the sync when it was shown: one that appears afterwards joined with it.
 */
interface Shown {
  offer: PairingOffer;
  deadline: number;
  known: Set<string>;
}

export function PairingDialog({ status, onStatus, onClose }: PairingDialogProps) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState<'offer' | 'withdraw' | null>('offer');
  const [error, setError] = useState<string | null>(null);
  const now = useNow();
  const copyButton = useRef<HTMLButtonElement>(null);
  /** Holds Copy, or Show a new code once the code has expired. */
  const actions = useRef<HTMLDivElement>(null);
  const devices = useLatest(status.devices);
  const latestErrorText = useLatest(errorText);

  /** Asks main for a new code; `live` says whether the dialog still wants the answer. */
  const request = useCallback(
    (live: () => boolean) =>
      call('offerSyncPairing').then(
        (offer) => {
          if (!live()) return;
          const known = new Set(devices.current.map((d) => d.id));
          setShown({ offer, deadline: Date.now() + PAIRING_CODE_TTL_MS, known });
          setBusy(null);
        },
        (failure: unknown) => {
          if (!live()) return;
          setError(latestErrorText.current(failure));
          setBusy(null);
        },
      ),
    [devices, latestErrorText],
  );

  // One code when the dialog opens; "Show a new code" asks again.
  useEffect(() => {
    let live = true;
    void request(() => live);
    return () => {
      live = false;
    };
  }, [request]);

  const offerAgain = () => {
    setBusy('offer');
    setError(null);
    void request(() => true);
  };

  const withdraw = async () => {
    setBusy('withdraw');
    setError(null);
    try {
      onStatus(await call('withdrawSyncPairing'));
      notify(t('sync.withdrawn'), { tone: 'success' });
      onClose();
    } catch (failure) {
      setError(errorText(failure));
      setBusy(null);
    }
  };

  const joined = shown ? status.devices.filter((d) => !d.thisDevice && !shown.known.has(d.id)) : [];
  // At most the whole time: the shared ticker's last reading may be from before the code came.
  const left = shown ? Math.min(PAIRING_CODE_TTL_MS, shown.deadline - now) : 0;
  const expired = shown !== null && left <= 0 && joined.length === 0;
  const groups = shown ? shown.offer.code.split('-') : [];

  // The dialog opened before the code arrived: Copy gets the keyboard once it is there (and again
  // for a new code).
  const shownCode = shown?.offer.code;
  useEffect(() => {
    if (shownCode) copyButton.current?.focus();
  }, [shownCode]);

  // Copy goes when the code expires: the keyboard goes to "Show a new code" rather than nowhere.
  useEffect(() => {
    if (!expired) return;
    const active = document.activeElement;
    if (!active || active === document.body) actions.current?.querySelector('button')?.focus();
  }, [expired]);

  const copy = async () => {
    if (!shown) return;
    if (await copyText(shown.offer.code)) notify(t('sync.copied'), { tone: 'success' });
    else notify(t('sync.copyFailed'), { tone: 'error' });
  };

  return (
    <Dialog
      title={t('sync.pairTitle')}
      kind="sync-pairing"
      onClose={onClose}
      footer={
        <>
          {shown && !expired && joined.length === 0 && (
            <BusyButton
              type="button"
              className="button footer-start"
              busy={busy === 'withdraw'}
              disabled={busy !== null}
              label={t('sync.withdraw')}
              busyLabel={t('sync.withdrawing')}
              onClick={() => void withdraw()}
            />
          )}
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('common.done')}
          </button>
        </>
      }
    >
      <div className="stack sync-pairing">
        {joined.length > 0 ? (
          <div className="callout callout-success" role="status">
            <CheckIcon size={18} />
            <p>{t('sync.pairJoined', { name: joined.map((d) => d.name).join(', ') })}</p>
          </div>
        ) : (
          <p className="backup-intro">{t('sync.pairIntro')}</p>
        )}
        {shown && joined.length === 0 && (
          <div className={expired ? 'sync-pair-body sync-pair-expired' : 'sync-pair-body'}>
            <div className="sync-pair-code">
              <span className="field-label">{t('sync.pairCode')}</span>
              <p className="sync-code mono selectable" data-code={shown.offer.code}>
                {groups.map((group, i) => (
                  <span key={i} className="sync-code-group">
                    {group}
                    {i < groups.length - 1 && <span className="visually-hidden">-</span>}
                  </span>
                ))}
              </p>
            </div>
            <div className="sync-pair-row">
              <div className="sync-pair-text">
                {expired ? (
                  <p className="field-message field-message-error" role="alert">
                    {t('sync.expired')}
                  </p>
                ) : (
                  <p className="sync-pair-left" aria-live="off">
                    {t('sync.validFor', { time: formatLeft(left) })}
                  </p>
                )}
                <div className="backup-actions" ref={actions}>
                  {expired ? (
                    <BusyButton
                      type="button"
                      className="button"
                      busy={busy === 'offer'}
                      disabled={busy !== null}
                      label={t('sync.newCode')}
                      busyLabel={t('sync.making')}
                      onClick={offerAgain}
                    />
                  ) : (
                    <button
                      ref={copyButton}
                      type="button"
                      className="button"
                      onClick={() => void copy()}
                    >
                      <CopyIcon size={16} />
                      {t('sync.copy')}
                    </button>
                  )}
                </div>
                {!expired && <p className="field-hint">{t('sync.pairQrHint')}</p>}
              </div>
              {!expired && (
                <img
                  className="sync-pair-qr"
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shown.offer.qrSvg)}`}
                  alt={t('sync.qrLabel')}
                />
              )}
            </div>
          </div>
        )}
        {!shown && busy === 'offer' && <p className="field-hint">{t('sync.making')}</p>}
        <FormError error={error} />
      </div>
    </Dialog>
  );
}
