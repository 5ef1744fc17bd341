// The accounts screen's clock banner: while this computer's clock is more than 15 s off and codes
// are not corrected (with the one-click correction, up to the 5 minutes Authdesk ever corrects; past
// that, the advice to set the clock), and while correction waits for the user to confirm a changed
// offset. Hidden while codes follow an accepted offset.
import { useTranslation } from 'react-i18next';
import { MAX_AUTO_CORRECTION_MS } from '../../../shared/time-server';
import { call } from '../../api/api';
import { useClockStatus } from './useClockStatus';
import type { SettingsState } from './useSettings';
import { useToast } from '../../ui/useToast';
import { clockBannerOf, offsetAmount, signedOffset } from './model/clock-offset';
import { AlertIcon } from '../../ui/Icons';

interface ClockWarningProps {
  settingsState: SettingsState;
  onError: (error: unknown) => void;
}

export function ClockWarning({ settingsState, onError }: ClockWarningProps) {
  const { t, i18n } = useTranslation();
  const { notify } = useToast();
  const clock = useClockStatus(onError);
  const { status } = clock;
  const banner = clockBannerOf(status);
  if (!settingsState.settings || !status || banner === null) return null;
  const offsetMs = status.offsetMs!;
  const amount = offsetAmount(offsetMs, t, i18n.language, false);
  const minutes = MAX_AUTO_CORRECTION_MS / 60_000;
  // The offset the user was shown is the one accepted: main refuses it if a recheck changed it.
  const accept = () =>
    call('acceptClockOffset', { offsetMs }).then((next) => {
      clock.set(next);
      notify(t('clock.corrected'), { tone: 'success' });
    }, onError);
  const text =
    banner === 'confirm'
      ? t('clock.bannerConfirm', { offset: signedOffset(offsetMs, t, i18n.language) })
      : t(offsetMs < 0 ? 'clock.warningFast' : 'clock.warningSlow', { amount });
  return (
    <div className="banner-row">
      <div className="callout callout-warning banner clock-warning" role="alert">
        <AlertIcon size={18} />
        <p>
          {text}
          {banner === 'setClock' && <> {t('clock.setClock', { minutes })}</>}
        </p>
        {banner !== 'setClock' && (
          <button type="button" className="button button-compact" onClick={() => void accept()}>
            {t(banner === 'confirm' ? 'clock.useNewOffset' : 'clock.correctCodes')}
          </button>
        )}
      </div>
    </div>
  );
}
