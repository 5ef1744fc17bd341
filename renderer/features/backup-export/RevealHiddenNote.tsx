// Says why a QR code went away: it is shown for a minute at a time, and the password shows it again.
import { useTranslation } from 'react-i18next';
import { REVEAL_MS } from '../../../shared/transfer';

export function RevealHiddenNote() {
  const { t } = useTranslation();
  return (
    <p className="callout reveal-hidden-note" role="status">
      {t('transfer.hiddenNote', { count: REVEAL_MS / 1000 })}
    </p>
  );
}
