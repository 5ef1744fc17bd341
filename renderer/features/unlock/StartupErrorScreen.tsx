// Shown when Authdesk cannot even read its status or settings: the translated reason, nothing raw.
import { useTranslation } from 'react-i18next';
import type { ApiErrorCode } from '../../api/api';
import { AuthCard } from './AuthCard';

export function StartupErrorScreen({ code }: { code: ApiErrorCode }) {
  const { t } = useTranslation();
  return (
    <AuthCard title={t('startup.title')} intro={<p role="alert">{t(`errors.${code}`)}</p>}>
      <button
        type="button"
        className="button button-primary button-block"
        onClick={() => window.location.reload()}
      >
        {t('common.retry')}
      </button>
    </AuthCard>
  );
}
