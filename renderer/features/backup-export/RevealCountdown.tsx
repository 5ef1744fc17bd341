// "Hidden in 42 s" under a revealed secret, with a shrinking bar; calls onHide when the time is up.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REVEAL_MS } from '../../../shared/transfer';
import { useLatest } from '../../ui/useLatest';
import { useNow } from '../../ui/useNow';

/**
 * Counts REVEAL_MS from when the secret arrived, on this window's clock. The result's `hidesAt` is on
 * main's clock, which may run corrected by the time-server offset; counting here is the same moment
 * within the IPC round trip, and cannot be fooled by a difference between the two clocks.
 */
export function RevealCountdown({ onHide }: { onHide: () => void }) {
  const { t } = useTranslation();
  const [deadline] = useState(() => Date.now() + REVEAL_MS);
  const now = useNow();
  const latest = useLatest(onHide);
  useEffect(() => {
    const timer = setTimeout(() => latest.current(), Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [deadline, latest]);
  const left = Math.min(REVEAL_MS, Math.max(0, deadline - now));
  return (
    <div className="reveal-countdown">
      <div className="reveal-bar" aria-hidden="true">
        <span style={{ width: `${(left / REVEAL_MS) * 100}%` }} />
      </div>
      <p>{t('transfer.hiddenIn', { count: Math.ceil(left / 1000) })}</p>
    </div>
  );
}
