// Settings › Unlock with the system keychain: what it means, the switch (the vault password again to
// turn it on; off at once), and why it cannot be used here when the keychain is missing or basic_text.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorCodeOf } from '../api';
import { useErrorText } from '../hooks/useErrorText';
import { useKeychainStatus } from '../hooks/useKeychainStatus';
import { useToast } from '../hooks/useToast';
import { focusField, VaultPasswordField } from './BackupPasswordFields';
import { FormActions } from './FormActions';
import { FormError } from './FormError';
import { Switch } from './Switch';

const REASON_KEY = {
  unavailable: 'keychain.unavailable',
  basic_text: 'keychain.basicText',
} as const;

export function KeychainSection() {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const keychain = useKeychainStatus((failure) => setError(errorText(failure)));
  const box = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [wrongPassword, setWrongPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const wantFocus = useRef(false);
  const { status } = keychain;
  useEffect(() => {
    if (!wantFocus.current || busy) return;
    wantFocus.current = false;
    box.current?.querySelector<HTMLElement>('[role="switch"]')?.focus();
  });
  if (!status) return <FormError error={error} />;

  // The switch was disabled while busy, or the focused form is gone: focus goes back to the switch,
  // after React has drawn it enabled again.
  const refocus = () => {
    wantFocus.current = true;
  };

  const closeForm = () => {
    setConfirming(false);
    setPassword('');
    setSubmitted(false);
    setWrongPassword(false);
  };

  const turnOff = async () => {
    setBusy(true);
    setError(null);
    try {
      keychain.set(await call('disableKeychainUnlock'));
      notify(t('keychain.turnedOff'), { tone: 'success' });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
      refocus();
    }
  };

  const turnOn = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setSubmitted(true);
    if (busy) return;
    if (password === '') return focusField(form.current, 'current-password');
    setBusy(true);
    setError(null);
    try {
      keychain.set(await call('enableKeychainUnlock', { password }));
      closeForm();
      notify(t('keychain.turnedOn'), { tone: 'success' });
      refocus();
    } catch (failure) {
      if (errorCodeOf(failure) === 'WRONG_PASSWORD') {
        setWrongPassword(true);
        focusField(form.current, 'current-password');
      } else {
        setError(errorText(failure));
        // The keychain may have gone in the meantime: show why, as the switch does.
        call('getKeychainStatus').then(keychain.set, () => {});
      }
    } finally {
      setBusy(false);
    }
  };

  const unusable = !status.available && status.reason ? t(REASON_KEY[status.reason]) : undefined;

  return (
    <div ref={box} className="keychain-setting">
      <Switch
        label={t('keychain.title')}
        hint={t('keychain.hint')}
        note={unusable}
        checked={status.enabled || confirming}
        // Turning it off always works: it only removes the key from the file.
        disabled={busy || (!status.enabled && !status.available)}
        onChange={(on) => {
          setError(null);
          if (!on && confirming) closeForm();
          else if (on) setConfirming(true);
          else void turnOff();
        }}
      />
      {confirming && (
        <form ref={form} className="form subform" onSubmit={turnOn} noValidate aria-busy={busy}>
          <p className="field-hint">{t('keychain.confirmIntro')}</p>
          <VaultPasswordField
            autoFocus
            value={password}
            onChange={(value) => {
              setPassword(value);
              setWrongPassword(false);
            }}
            message={
              wrongPassword
                ? t('errors.WRONG_PASSWORD')
                : submitted && password === ''
                  ? t('backup.enterVaultPassword')
                  : null
            }
            busy={busy}
          />
          <FormError error={error} />
          <div className="subform-actions">
            <FormActions
              busy={busy}
              label={t('keychain.submit')}
              busyLabel={t('keychain.turningOn')}
              onCancel={() => {
                closeForm();
                setError(null);
                refocus();
              }}
            />
          </div>
        </form>
      )}
      {!confirming && <FormError error={error} />}
    </div>
  );
}
