// Quick access on a locked vault: the keychain first where it is turned on, else the password, inline;
// then quick access goes on with the search typed so far.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorCodeOf } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { loadBrands } from '../icons/icon-store';

export function QuickUnlock({ onUnlocked, shownAt }: { onUnlocked: () => void; shownAt: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Each time the window is shown: the keychain, when it is available and on; the password otherwise.
  useEffect(() => {
    let live = true;
    input.current?.focus();
    call('getKeychainStatus').then(
      async ({ available, enabled }) => {
        if (!live || !available || !enabled) return;
        setBusy(true);
        try {
          await call('unlockWithKeychain');
          if (live) onUnlocked();
        } catch (failure) {
          if (live) setError(errorText(failure));
        } finally {
          if (live) setBusy(false);
          input.current?.focus();
        }
      },
      () => {},
    );
    return () => {
      live = false;
    };
    // errorText and onUnlocked are stable enough; a new show is what starts a new try.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownAt]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || password === '') return;
    setBusy(true);
    setError(null);
    void loadBrands().catch(() => {}); // while main derives the key, as the main window does
    try {
      await call('unlock', { password });
      setPassword('');
      onUnlocked();
    } catch (failure) {
      setError(errorText(failure));
      if (errorCodeOf(failure) === 'WRONG_PASSWORD') {
        requestAnimationFrame(() => input.current?.select());
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="quick-unlock" onSubmit={submit} aria-busy={busy}>
      <label htmlFor="quick-password" className="quick-unlock-label">
        {t('quickAccess.locked')}
      </label>
      <input
        id="quick-password"
        ref={input}
        className="input"
        type="password"
        autoComplete="current-password"
        value={password}
        disabled={busy}
        aria-invalid={error !== null}
        aria-describedby={error ? 'quick-unlock-error' : undefined}
        placeholder={t('quickAccess.password')}
        onChange={(event) => setPassword(event.target.value)}
      />
      {error && (
        <p id="quick-unlock-error" className="quick-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
