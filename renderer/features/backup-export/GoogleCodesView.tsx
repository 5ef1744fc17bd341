// Google Authenticator export codes, one at a time and large, with Previous/Next and the ←/→ keys.
import { useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type AccountMeta } from '../../../shared/account';
import type { GoogleExportCodes } from '../../../shared/transfer';
import { useLatest } from '../../ui/useLatest';
import { googleLimit } from './model/google-support';
import { AlertIcon, ArrowLeftIcon, ArrowRightIcon } from '../../ui/Icons';
import { QrCode } from './QrCode';
import { RevealCountdown } from './RevealCountdown';

interface GoogleCodesViewProps {
  exported: GoogleExportCodes;
  /** To name the accounts left out. */
  accounts: AccountMeta[];
  onHide: () => void;
}

export function GoogleCodesView({ exported, accounts, onHide }: GoogleCodesViewProps) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const total = exported.codes.length;
  const code = exported.codes[index];
  const go = (to: number) => setIndex(Math.min(total - 1, Math.max(0, to)));
  usePagingKeys((delta) => go(index + delta));

  return (
    <div className="reveal">
      {code ? (
        <>
          <p className="reveal-hint">{t('transfer.google.scan', { count: total })}</p>
          <div className="qr-frame">
            <QrCode
              key={index}
              qr={code.qr}
              label={t('transfer.google.qrLabel', { n: index + 1, total })}
            />
          </div>
          {total > 1 && (
            <div className="pager">
              <button
                type="button"
                className="button"
                // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
                aria-disabled={index === 0}
                aria-keyshortcuts="ArrowLeft"
                onClick={() => go(index - 1)}
              >
                <ArrowLeftIcon size={16} />
                {t('transfer.google.previous')}
              </button>
              <span className="pager-status" aria-live="polite">
                {t('transfer.google.page', { n: index + 1, total })}
              </span>
              <button
                type="button"
                className="button"
                aria-disabled={index === total - 1}
                aria-keyshortcuts="ArrowRight"
                onClick={() => go(index + 1)}
                autoFocus
              >
                {t('transfer.google.next')}
                <ArrowRightIcon size={16} />
              </button>
            </div>
          )}
        </>
      ) : (
        <p className="callout callout-warning" role="status">
          <AlertIcon size={18} />
          <span>{t('transfer.google.nothing')}</span>
        </p>
      )}
      <SkippedAccounts skipped={exported.skipped} accounts={accounts} />
      {code && <RevealCountdown onHide={onHide} />}
    </div>
  );
}

/** ←/→ page through the codes wherever the focus is in the dialog, except in a text field. */
function usePagingKeys(onStep: (delta: -1 | 1) => void) {
  const latest = useLatest(onStep);
  // Registered before the view is painted, so a key pressed as soon as a code shows is not lost.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof HTMLInputElement) return;
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        latest.current(event.key === 'ArrowLeft' ? -1 : 1);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [latest]);
}

function SkippedAccounts({
  skipped,
  accounts,
}: {
  skipped: GoogleExportCodes['skipped'];
  accounts: AccountMeta[];
}) {
  const { t } = useTranslation();
  if (skipped.length === 0) return null;
  return (
    <section className="skipped">
      <h3 className="section-title">{t('transfer.google.skipped', { count: skipped.length })}</h3>
      <ul className="skipped-list">
        {skipped.map(({ id }) => {
          const account = accounts.find((a) => a.id === id);
          // Main's reason is an English sentence; the same rules give the translated one.
          const limit = account ? googleLimit(account) : null;
          return (
            <li key={id}>
              <span className="skipped-name">
                {(account && displayName(account)) || t('row.noName')}
              </span>
              <span className="skipped-reason">
                {t(limit ? `transfer.google.limit.${limit}` : 'transfer.google.limit.tooLong')}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
