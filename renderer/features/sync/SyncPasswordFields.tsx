// A new sync password typed twice (at least SYNC_PASSWORD_MIN_LENGTH: anyone holding the folder's files
// can try passwords offline), with the strength meter; useSyncPasswordFields holds its state.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SYNC_PASSWORD_MIN_LENGTH } from '../../../shared/sync';
import { Field } from '../../ui/Field';
import { PasswordInput } from '../../ui/password/PasswordInput';
import { StrengthMeter } from '../../ui/password/StrengthMeter';

export function useSyncPasswordFields() {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const problem: 'short' | 'mismatch' | null =
    password.length < SYNC_PASSWORD_MIN_LENGTH ? 'short' : confirm !== password ? 'mismatch' : null;
  /** Shows the messages; returns the name of the field to put the caret in, or null when fine. */
  const check = (): string | null => {
    setSubmitted(true);
    return problem === 'short' ? 'sync-password' : problem ? 'sync-password-confirm' : null;
  };
  return {
    password,
    confirm,
    submitted,
    problem,
    setPassword,
    setConfirm,
    check,
    /**
     * A form's submit that, when `active`, checks these fields first (before the vault password is
     * sent) and puts the caret in the one to correct instead of submitting.
     */
    guard:
      (active: boolean, submit: (event: FormEvent<HTMLFormElement>) => Promise<void>) =>
      async (event: FormEvent<HTMLFormElement>) => {
        const field = active ? check() : null;
        if (field) {
          event.preventDefault();
          event.currentTarget.querySelector<HTMLInputElement>(`input[name="${field}"]`)?.focus();
          return;
        }
        await submit(event);
      },
    reset: () => {
      setPassword('');
      setConfirm('');
      setSubmitted(false);
    },
  };
}

export type SyncPasswordFieldsState = ReturnType<typeof useSyncPasswordFields>;

export function SyncPasswordFields(props: {
  state: SyncPasswordFieldsState;
  busy: boolean;
  autoFocus?: boolean;
}) {
  const { state, busy } = props;
  const { t } = useTranslation();
  const { submitted, problem } = state;
  const min = SYNC_PASSWORD_MIN_LENGTH;
  return (
    <>
      <Field
        label={t('sync.syncPassword')}
        hint={t('sync.syncPasswordHint', { count: min })}
        message={
          submitted && problem === 'short' ? t('sync.syncPasswordShort', { count: min }) : null
        }
        announce
      >
        {({ id, describedBy, invalid }) => (
          <>
            <PasswordInput
              id={id}
              name="sync-password"
              autoComplete="new-password"
              autoFocus={props.autoFocus}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              readOnly={busy}
              value={state.password}
              onChange={(e) => state.setPassword(e.target.value)}
            />
            <StrengthMeter password={state.password} />
          </>
        )}
      </Field>
      <Field
        label={t('sync.confirmSyncPassword')}
        message={submitted && problem === 'mismatch' ? t('sync.syncPasswordMismatch') : null}
        announce
      >
        {({ id, describedBy, invalid }) => (
          <PasswordInput
            id={id}
            name="sync-password-confirm"
            autoComplete="new-password"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            readOnly={busy}
            value={state.confirm}
            onChange={(e) => state.setConfirm(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
