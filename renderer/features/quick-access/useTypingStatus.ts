// Whether quick access's Shift+Enter can type a code here, and the sentence that says why not (Settings
// and quick access show it; main copies instead). Read once per mount: it depends on the session.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TypingStatus } from '../../../shared/ipc';
import { call } from '../../api/api';

export function useTypingStatus(): { status: TypingStatus | null; why: string | null } {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TypingStatus | null>(null);
  useEffect(() => {
    call('getTypingStatus').then(setStatus, () => {});
  }, []);
  const why =
    status && !status.available
      ? t('typing.unavailable', { why: t(`typing.reason.${status.reason}`) })
      : null;
  return { status, why };
}
