// Turns any thrown error into the translated sentence for its stable code (never a raw message).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from './api';

export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback((error: unknown) => t(`errors.${errorCodeOf(error)}`), [t]);
}
