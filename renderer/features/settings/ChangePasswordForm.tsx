// Changes the vault password: the current one, the new one twice, with the same strength advice.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { useToast } from '../../ui/useToast';
import { newPasswordProblem } from '../../ui/model/password-strength';
import { FormActions } from '../../ui/FormActions';
import { NewPasswordFields } from '../../ui/password/NewPasswordFields';
import { VaultPasswordField } from '../../ui/password/VaultPasswordField';

/** `onDone(true)` after a change that turned the keychain unlock off (the keychain refused). */
export function ChangePasswordForm({ onDone }: { onDone: (keychainTurnedOff?: boolean) => void }) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const formId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setSubmitted(true);
    if (busy || current === '' || newPasswordProblem(next, confirm)) return;
    setBusy(true);
    setError(null);
    try {
      const { keychainTurnedOff } = await call('changePassword', {
        oldPassword: current,
        newPassword: next,
      });
      notify(t('toast.passwordChanged'), {
        tone: 'success',
        ...(keychainTurnedOff ? { detail: t('toast.keychainTurnedOff') } : {}),
      });
      onDone(keychainTurnedOff);
    } catch (failure) {
      setBusy(false);
      setError(errorText(failure));
    }
  };

  return (
    <form id={formId} className="form subform" onSubmit={submit} noValidate aria-busy={busy}>
      <VaultPasswordField
        label={t('settings.currentPassword')}
        autoFocus
        value={current}
        onChange={(value) => {
          setCurrent(value);
          setError(null);
        }}
        message={error ?? (submitted && current === '' ? t('settings.enterCurrent') : null)}
        busy={busy}
      />
      <NewPasswordFields
        labels={{ password: t('settings.newPassword'), confirm: t('settings.confirmPassword') }}
        password={next}
        confirm={confirm}
        onPassword={setNext}
        onConfirm={setConfirm}
        submitted={submitted}
        busy={busy}
      />
      <div className="subform-actions">
        <FormActions
          busy={busy}
          label={t('settings.changeSubmit')}
          busyLabel={t('settings.changing')}
          onCancel={() => onDone()}
        />
      </div>
    </form>
  );
}
