// Settings › Time: the time server, the measured offset with "Check now", the switch that corrects
// codes by it (within the 5 minutes and the confirmation main enforces), what codes follow now, and
// the last failure in words.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockStatus } from '../../../shared/time-server';
import { call } from '../../api/api';
import { useClockStatus } from './useClockStatus';
import type { SettingsState } from './useSettings';
import { driftOf, offsetAmount, signedOffset } from './model/clock-offset';
import { MAX_AUTO_CORRECTION_MS } from '../../../shared/time-server';
import { formatDateTime } from '../../ui/model/date-format';
import { BusyButton } from '../../ui/BusyButton';
import { AlertIcon } from '../../ui/Icons';
import { Switch } from '../../ui/Switch';
import { TimeServerField } from './TimeServerField';

interface ClockSectionProps {
  settingsState: SettingsState;
  onError: (error: unknown) => void;
  /** "Check now" gets the keyboard when the dialog opens (the dialog scrolls to it). */
  autoFocus?: boolean;
}

export function ClockSection({ settingsState, onError, autoFocus }: ClockSectionProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const clock = useClockStatus(onError);
  const [asked, setAsked] = useState(false);
  const { settings, update } = settingsState;
  if (!settings) return null;
  const { status } = clock;
  const checking = asked || status?.checking === true;

  // A server that cannot be reached still answers: its failure is in the status it returns.
  const check = async () => {
    setAsked(true);
    try {
      clock.set(await call('checkClock'));
    } catch (error) {
      onError(error);
    } finally {
      setAsked(false);
    }
  };

  // A server other than the offered ones is asked about in main's own dialog; a no keeps the old one.
  const changeServer = async (timeServer: string) => {
    try {
      if (timeServer !== settings.timeServer) {
        const saved = await update({ timeServer });
        if (saved?.timeServer !== timeServer) return;
      }
    } catch (error) {
      onError(error);
      return;
    }
    await check();
  };

  // Turning correction on accepts the offset shown; with none measured yet, the first one is asked about.
  const setCorrect = async (on: boolean) => {
    try {
      const offsetMs = status?.offsetMs ?? null;
      if (on && offsetMs !== null && Math.abs(offsetMs) <= MAX_AUTO_CORRECTION_MS) {
        clock.set(await call('acceptClockOffset', { offsetMs }));
        // The settings follow through their pushed event.
      } else {
        await update({ correctClock: on });
      }
    } catch (error) {
      onError(error);
    }
  };

  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="section-title">
        {t('clock.title')}
      </h3>
      <TimeServerField
        key={settings.timeServer}
        value={settings.timeServer}
        onChange={(s) => void changeServer(s)}
      />
      <div className="clock-check">
        <ClockReading status={status} />
        <BusyButton
          type="button"
          className="button"
          busy={checking}
          label={t('clock.checkNow')}
          busyLabel={t('clock.checking')}
          onClick={() => void check()}
          data-autofocus={autoFocus || undefined}
        />
      </div>
      {status?.error && (
        <div className="callout callout-warning" role="alert">
          <AlertIcon size={18} />
          <p>
            <strong>{t('clock.failed', { server: status.error.server })}</strong>
            {t(`errors.${status.error.code}`)}
          </p>
        </div>
      )}
      <Switch
        label={t('clock.correct')}
        hint={t('clock.correctHint')}
        checked={settings.correctClock}
        onChange={(on) => void setCorrect(on)}
      />
      {status && <CorrectionState status={status} onAccept={(on) => void setCorrect(on)} />}
    </section>
  );
}

/** With correction on: the offset codes follow, or why they follow this computer's clock. */
function CorrectionState({
  status,
  onAccept,
}: {
  status: ClockStatus;
  onAccept: (on: true) => void;
}) {
  const { t, i18n } = useTranslation();
  const { state, appliedMs, acceptedMs } = status.correction;
  const signed = (ms: number) => signedOffset(ms, t, i18n.language);
  if (state === 'applied') {
    return (
      <p className="clock-correction" aria-live="polite">
        {t('clock.correctionApplied', { offset: signed(appliedMs) })}
      </p>
    );
  }
  if (state !== 'confirm' && state !== 'too-large') return null;
  const offset = signed(status.offsetMs!);
  return (
    <div className="callout callout-warning clock-correction-paused" role="status">
      <AlertIcon size={18} />
      <p>
        {state === 'too-large'
          ? t('clock.correctionTooLarge', { offset, minutes: MAX_AUTO_CORRECTION_MS / 60_000 })
          : acceptedMs === null
            ? t('clock.correctionConfirmFirst', { offset })
            : t('clock.correctionConfirm', { offset, accepted: signed(acceptedMs) })}
      </p>
      {state === 'confirm' && (
        <button type="button" className="button button-compact" onClick={() => onAccept(true)}>
          {t('clock.confirmOffset', { offset })}
        </button>
      )}
    </div>
  );
}

/** The last good measurement: how far off, against which server, when. Announced when it changes. */
function ClockReading({ status }: { status: ClockStatus | null }) {
  const { t, i18n } = useTranslation();
  const measured = status && status.offsetMs !== null ? status : null;
  return (
    <div className="clock-reading" aria-live="polite">
      {measured ? (
        <>
          <p className="clock-offset">
            {t(`clock.${driftOf(measured.offsetMs!)}`, {
              amount: offsetAmount(measured.offsetMs!, t, i18n.language, true),
            })}
          </p>
          <p className="field-hint">
            {t('clock.measured', {
              server: measured.server,
              time: formatDateTime(new Date(measured.checkedAt!).toISOString(), i18n.language),
              delay: measured.delayMs,
            })}
          </p>
        </>
      ) : (
        <p className="field-hint">{t('clock.notChecked')}</p>
      )}
    </div>
  );
}
