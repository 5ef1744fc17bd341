// Asking for the vault password again before a secret leaves main: one action, a wrong password shown, retry.
import { useCallback, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../api/useErrorText';
import { useLatest } from '../useLatest';

export interface VaultPasswordStep {
  password: string;
  setPassword: (value: string) => void;
  busy: boolean;
  error: string | null;
  submit: (event: FormEvent) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

interface Options {
  /** Sends the password with the action; a thrown error is shown under the field. */
  run: (password: string) => Promise<void>;
  /** A reason not to send yet (e.g. no account chosen), shown under the field. */
  check?: () => string | null;
}

export function useVaultPassword({ run, check }: Options): VaultPasswordStep {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [password, setPasswordState] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const latest = useLatest({ run, check, password, busy });

  const setPassword = useCallback((value: string) => {
    setPasswordState(value);
    setError(null);
  }, []);

  const submit = useCallback(
    (event: FormEvent) => {
      event.preventDefault();
      event.stopPropagation();
      const { run, check, password, busy } = latest.current;
      if (busy) return;
      const problem = password === '' ? t('transfer.password.empty') : (check?.() ?? null);
      if (problem) {
        setError(problem);
        inputRef.current?.focus();
        return;
      }
      setBusy(true);
      setError(null);
      run(password).then(
        () => {
          // The password has done its job; it is not kept for the next step.
          setPasswordState('');
          setBusy(false);
        },
        (failure: unknown) => {
          setBusy(false);
          setError(errorText(failure));
          // Retyping replaces the wrong password rather than adding to it.
          inputRef.current?.focus();
          inputRef.current?.select();
        },
      );
    },
    [errorText, latest, t],
  );

  return { password, setPassword, busy, error, submit, inputRef };
}
