// The mark on an account row that a sync merge flagged (two secrets kept, or kept after a delete): a
// small button in the row's tab order that opens what happened, with "Got it" to clear the flag.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type AccountMeta } from '../../../shared/account';
import type { SyncFlag } from '../../../shared/sync';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { AlertIcon } from '../../ui/Icons';
import { useToast } from '../../ui/useToast';
import { SyncFlagDialog } from './SyncFlagDialog';

interface SyncFlagBadgeProps {
  account: AccountMeta;
  flag: SyncFlag;
  /** The row's roving tab index (0 on the active row). */
  tabIndex: number;
}

export function SyncFlagBadge({ account, flag, tabIndex }: SyncFlagBadgeProps) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  /** Set by "Got it": once the dialog has closed, the flag is cleared (see below). */
  const clearing = useRef(false);
  const short = t(flag.kind === 'secret-conflict' ? 'sync.flagConflict' : 'sync.flagKept');

  // The badge goes with the flag, so the focus goes to the row's main button first (the dialog has
  // just returned it to the badge); then the flag is cleared.
  useEffect(() => {
    if (open || !clearing.current) return;
    clearing.current = false;
    button.current?.closest('.row')?.querySelector<HTMLElement>('.row-main')?.focus();
    call('updateAccount', { id: account.id, patch: { syncFlag: null } }).catch((failure: unknown) =>
      notify(errorText(failure), { tone: 'error' }),
    );
  }, [open, account.id, notify, errorText]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="sync-flag"
        data-flag={flag.kind}
        tabIndex={tabIndex}
        aria-label={t('sync.flagOpen', { name: displayName(account), flag: short })}
        title={short}
        onClick={() => setOpen(true)}
      >
        <AlertIcon size={14} />
        <span className="sync-flag-text">{short}</span>
      </button>
      {open && (
        <SyncFlagDialog
          account={account}
          flag={flag}
          onGotIt={() => {
            clearing.current = true;
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
