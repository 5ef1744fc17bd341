// Settings › Unlock with the system keychain: what it means, the switch (the vault password again to
// turn it on; off at once), and why it cannot be used here when the keychain is missing or basic_text.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { useKeychainStatus } from './useKeychainStatus';
import { usePendingFocus } from '../../ui/usePendingFocus';
import { useToast } from '../../ui/useToast';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';
import { Switch } from '../../ui/Switch';

const REASON_KEY = {
  unavailable: 'keychain.unavailable',
  basic_text: 'keychain.basicText',
} as const;

export function KeychainSection() {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const box = useRef<HTMLDivElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [turningOff, setTurningOff] = useState(false);
  /** Only shown while there is no status: a failed load leaves nothing else on screen. */
  const [loadError, setLoadError] = useState<string | null>(null);
  const keychain = useKeychainStatus((failure) => setLoadError(errorText(failure)));
  const form = useVaultPasswordForm({
    run: async (password) => {
      keychain.set(await call('enableKeychainUnlock', { password }));
      setConfirming(false);
      notify(t('keychain.turnedOn'), { tone: 'success' });
      refocus();
    },
    // The keychain may have gone in the meantime: show why, as the switch does.
    onFailure: () => void call('getKeychainStatus').then(keychain.set, () => {}),
  });
  const { error, setError } = form;
  const busy = form.busy || turningOff;
  // The switch was disabled while busy, or the focused form is gone: focus goes back to the switch,
  // after React has drawn it enabled again.
  const refocus = usePendingFocus(!busy, () =>
    box.current?.querySelector<HTMLElement>('[role="switch"]')?.focus(),
  );
  const { status } = keychain;
  if (!status) return <FormError error={loadError} />;

  const closeForm = () => {
    setConfirming(false);
    form.reset();
  };

  const turnOff = async () => {
    setTurningOff(true);
    setError(null);
    try {
      keychain.set(await call('disableKeychainUnlock'));
      notify(t('keychain.turnedOff'), { tone: 'success' });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setTurningOff(false);
      refocus();
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
        <VaultPasswordForm
          form={form}
          autoFocus
          actions={
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
          }
        >
          <p className="field-hint">{t('keychain.confirmIntro')}</p>
        </VaultPasswordForm>
      )}
      {!confirming && <FormError error={error} />}
    </div>
  );
}
