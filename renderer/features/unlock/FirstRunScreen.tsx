// First run: create the vault with a password typed twice, its strength, and the cost of forgetting it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/api';
import { AuthCard } from './AuthCard';
import { AlertIcon } from '../../ui/Icons';
import { NewPasswordFields } from '../../ui/password/NewPasswordFields';
import { useErrorText } from '../../api/useErrorText';
import { newPasswordProblem } from '../../ui/model/password-strength';
import { FormError } from '../../ui/FormError';
import { BusyButton } from '../../ui/BusyButton';

export function FirstRunScreen({ onCreated }: { onCreated: (password: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (busy || newPasswordProblem(password, confirm)) return;
    setBusy(true);
    setError(null);
    try {
      await call('createVault', { password });
      onCreated(password);
    } catch (failure) {
      setBusy(false);
      setError(errorText(failure));
    }
  };

  return (
    <AuthCard title={t('firstRun.title')} intro={<p>{t('firstRun.intro')}</p>}>
      <form className="auth-form" onSubmit={submit} aria-busy={busy} noValidate>
        <NewPasswordFields
          labels={{ password: t('firstRun.password'), confirm: t('firstRun.confirm') }}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          submitted={submitted}
          earlyMismatch
          busy={busy}
          hint={t('strength.hint')}
          announce
          autoFocus
        />
        <div className="callout callout-warning" role="note">
          <AlertIcon size={18} />
          <div>
            <strong>{t('firstRun.warningTitle')}</strong>
            <p>{t('firstRun.warning')}</p>
          </div>
        </div>
        <FormError error={error} />
        <BusyButton
          className="button button-primary button-block"
          busy={busy}
          label={t('firstRun.submit')}
          busyLabel={t('firstRun.progress')}
        />
      </form>
    </AuthCard>
  );
}
