// The unlock screen's other way in: "Unlock with system keychain", offered when the vault has a system
// slot and the keychain is available. At app start it is tried once by itself (the person who started
// the app chose this); after a lock it waits for a click, so locking keeps its meaning. When the
// keychain fails the message stays here and the caret goes to the password, which always works.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { useLatest } from '../../ui/useLatest';
import { AlertIcon, KeyIcon } from '../../ui/Icons';
import { Spinner } from '../../ui/Spinner';

/** Once per start of the window, not per visit of the unlock screen. */
let triedAtStart = false;

interface KeychainUnlockProps {
  /** This is the first unlock screen since the app started (not one after a lock). */
  atStart: boolean;
  onUnlocked: () => void;
  passwordRef: RefObject<HTMLInputElement | null>;
}

export function KeychainUnlock({ atStart, onUnlocked, passwordRef }: KeychainUnlockProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [offered, setOffered] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busyRef = useRef(false);

  const unlock = async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      await call('unlockWithKeychain');
      onUnlocked();
    } catch (failure) {
      setError(errorText(failure));
      requestAnimationFrame(() => passwordRef.current?.focus());
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  const latest = useLatest({ unlock, atStart });

  useEffect(() => {
    const tryNow = latest.current.atStart && !triedAtStart;
    triedAtStart = true;
    // A status that cannot be read only means no offer: the password is the way in.
    call('getKeychainStatus').then(
      ({ available, enabled }) => {
        setOffered(available && enabled);
        if (available && enabled && tryNow) void latest.current.unlock();
      },
      () => {},
    );
  }, [latest]);

  if (!offered) return null;
  return (
    <div className="keychain-unlock">
      <p className="auth-or" aria-hidden="true">
        <span>{t('keychain.or')}</span>
      </p>
      <button
        type="button"
        className="button button-block"
        disabled={busy}
        onClick={() => void unlock()}
      >
        {busy ? <Spinner /> : <KeyIcon size={16} />}
        {busy ? t('keychain.unlocking') : t('keychain.unlock')}
      </button>
      <p className="visually-hidden" role="status" aria-live="polite">
        {busy ? t('keychain.unlocking') : ''}
      </p>
      {error && (
        <div className="callout callout-warning" role="alert">
          <AlertIcon size={18} />
          <p>{error}</p>
        </div>
      )}
    </div>
  );
}
