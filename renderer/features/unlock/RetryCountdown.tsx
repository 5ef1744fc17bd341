// "Too many wrong passwords. Try again in 12 s", counting down to a moment on this window's clock.
import { useTranslation } from 'react-i18next';
import { useNow } from '../../ui/useNow';

export function RetryCountdown({ until }: { until: number }) {
  const { t } = useTranslation();
  const now = useNow();
  return <>{t('unlock.throttled', { count: Math.max(1, Math.ceil((until - now) / 1000)) })}</>;
}
