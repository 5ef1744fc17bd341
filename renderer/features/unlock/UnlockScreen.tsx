// Unlock: one password field; Enter submits; a wrong password keeps focus and selects the text.
// After too many wrong passwords main refuses tries for a while: the button waits, counting down.
// An unlock that takes long (a vault whose key derivation is dear) can be cancelled.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockReason } from '../../../shared/ipc';
import { call, errorCodeOf, retryAfterOf } from '../../api/api';
import { AuthCard } from './AuthCard';
import { Field } from '../../ui/Field';
import { KeychainUnlock } from './KeychainUnlock';
import { PasswordInput } from '../../ui/password/PasswordInput';
import { RetryCountdown } from './RetryCountdown';
import { useErrorText } from '../../api/useErrorText';
import { BusyButton } from '../../ui/BusyButton';
import { PERF_MARKS, perfMark } from '../../perf-marks';
import { loadBrands } from '../icons/icon-store';

// Locking by hand needs no explanation; the other reasons do.
/** An unlock running longer than this offers Cancel (a normal one takes well under a second). */
export const SLOW_UNLOCK_MS = 1000;

const REASON_KEY = {
  idle: 'unlock.reasonIdle',
  system: 'unlock.reasonSystem',
  replaced: 'unlock.reasonReplaced',
} as const;

export function UnlockScreen({
  reason,
  onUnlocked,
}: {
  reason: LockReason | null;
  onUnlocked: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [slow, setSlow] = useState(false);
  // Set when the user cancelled the running unlock: its CANCELLED answer is then expected.
  const cancelled = useRef(false);
  const [error, setError] = useState<string | null>(null);
  /** While main refuses tries: when they are allowed again (this window's clock), and what was said. */
  const [wait, setWait] = useState<{ until: number; notice: string } | null>(null);

  const selectPassword = () =>
    // After React re-enables the field.
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.select();
    });

  useEffect(() => {
    if (!wait) return;
    const timer = setTimeout(() => {
      setWait(null);
      selectPassword();
    }, wait.until - Date.now());
    return () => clearTimeout(timer);
  }, [wait]);

  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setSlow(true), SLOW_UNLOCK_MS);
    return () => clearTimeout(timer);
  }, [busy]);

  const cancel = () => {
    cancelled.current = true;
    setBusy(false);
    selectPassword();
    void call('cancelUnlock').catch(() => {});
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || wait || password === '') return;
    cancelled.current = false;
    setSlow(false);
    setBusy(true);
    setError(null);
    // The brand list loads while main derives the key: the list then draws its icons in its first
    // frames instead of a round of letters first (nothing of it is secret; a wrong password wastes it).
    void loadBrands().catch(() => {});
    try {
      await call('unlock', { password });
      perfMark(PERF_MARKS.unlocked);
      // Even after Cancel: main had opened the vault before the cancel reached it.
      onUnlocked();
    } catch (failure) {
      if (cancelled.current) return;
      setBusy(false);
      const retryAfterMs = retryAfterOf(failure);
      if (retryAfterMs !== undefined) {
        const seconds = Math.ceil(retryAfterMs / 1000);
        setWait({
          until: Date.now() + retryAfterMs,
          notice: t('unlock.throttled', { count: seconds }),
        });
      } else {
        setError(errorText(failure));
      }
      if (errorCodeOf(failure) === 'WRONG_PASSWORD') selectPassword();
    }
  };

  return (
    <AuthCard
      title={t('unlock.title')}
      intro={
        <>
          {reason && reason !== 'user' && <p className="auth-notice">{t(REASON_KEY[reason])}</p>}
          <p>{t('unlock.subtitle')}</p>
        </>
      }
    >
      <form className="auth-form" onSubmit={submit} aria-busy={busy}>
        <Field
          label={t('unlock.password')}
          message={wait ? <RetryCountdown until={wait.until} /> : error}
          // The countdown changes every second: the status line below announces it once instead.
          announce={!wait}
        >
          {({ id, describedBy, invalid }) => (
            <PasswordInput
              ref={input}
              id={id}
              name="password"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoFocus
              readOnly={busy}
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setError(null);
              }}
            />
          )}
        </Field>
        <BusyButton
          className="button button-primary button-block"
          busy={busy}
          disabled={wait !== null}
          label={t('unlock.submit')}
          busyLabel={t('unlock.progress')}
        />
        {busy && slow && (
          <button type="button" className="button button-block" onClick={cancel}>
            {t('common.cancel')}
          </button>
        )}
        <p className="visually-hidden" role="status" aria-live="polite">
          {busy ? t('unlock.progress') : (wait?.notice ?? '')}
        </p>
      </form>
      <KeychainUnlock atStart={reason === null} onUnlocked={onUnlocked} passwordRef={input} />
    </AuthCard>
  );
}
