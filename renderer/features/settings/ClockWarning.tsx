// The accounts screen's warning while this computer's clock is more than 15 s off and codes are not
// corrected, with the one-click correction. Hidden once codes are corrected.
import { useTranslation } from 'react-i18next';
import { useClockStatus } from './useClockStatus';
import type { SettingsState } from './useSettings';
import { useToast } from '../../ui/useToast';
import { needsClockWarning, offsetAmount } from './model/clock-offset';
import { AlertIcon } from '../../ui/Icons';

interface ClockWarningProps {
  settingsState: SettingsState;
  onError: (error: unknown) => void;
}

export function ClockWarning({ settingsState, onError }: ClockWarningProps) {
  const { t, i18n } = useTranslation();
  const { notify } = useToast();
  const { status } = useClockStatus(onError);
  const { settings, update } = settingsState;
  const offsetMs = status?.offsetMs ?? null;
  if (!settings || offsetMs === null || !needsClockWarning(offsetMs, settings.correctClock)) {
    return null;
  }
  const amount = offsetAmount(offsetMs, t, i18n.language, false);
  const correct = () =>
    update({ correctClock: true }).then(
      () => notify(t('clock.corrected'), { tone: 'success' }),
      onError,
    );
  return (
    <div className="banner-row">
      <div className="callout callout-warning banner clock-warning" role="alert">
        <AlertIcon size={18} />
        <p>{t(offsetMs < 0 ? 'clock.warningFast' : 'clock.warningSlow', { amount })}</p>
        <button type="button" className="button button-compact" onClick={() => void correct()}>
          {t('clock.correctCodes')}
        </button>
      </div>
    </div>
  );
}
