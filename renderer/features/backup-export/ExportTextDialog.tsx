// Writes the chosen accounts to a file that is not encrypted (otpauth:// links, or a plain Aegis
// vault): a plain warning and consent first, then the password.
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountMeta } from '../../../shared/account';
import { call } from '../../api/api';
import { useCloseOnLock } from './useCloseOnLock';
import { useToast } from '../../ui/useToast';
import { displayOrder } from '../accounts/model/account-order';
import { Dialog } from '../../ui/Dialog';
import { ExportAccountPicker } from './ExportAccountPicker';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';
import { AlertIcon } from '../../ui/Icons';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';

/** The plain-text exports: what the file is, and the strings that differ (the warning is shared). */
const PLAIN = {
  otpauth: {
    title: 'transfer.text.title',
    advice: 'transfer.text.advice',
    passwordIntro: 'transfer.text.passwordIntro',
  },
  'aegis-plain': {
    title: 'transfer.aegisPlain.title',
    advice: 'transfer.aegisPlain.advice',
    passwordIntro: 'transfer.aegisPlain.passwordIntro',
  },
} as const;

export function ExportTextDialog({
  accounts,
  onClose,
  format = 'otpauth',
}: {
  accounts: AccountMeta[];
  onClose: () => void;
  format?: keyof typeof PLAIN;
}) {
  const { t } = useTranslation();
  const text = PLAIN[format];
  const { notify } = useToast();
  const formId = useId();
  const warningId = useId();
  const ordered = useMemo(() => displayOrder(accounts), [accounts]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(
    () => new Set(accounts.map((a) => a.id)),
  );
  const [understood, setUnderstood] = useState(false);
  const [stage, setStage] = useState<'warning' | 'password'>('warning');
  const [problem, setProblem] = useState<'consent' | 'none' | null>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  const consentMessageId = useId();
  const chosen = ordered.filter((a) => selected.has(a.id)).map((a) => a.id);
  const form = useVaultPasswordForm({
    revealsSecrets: true,
    run: async (password) => {
      // Main asks where to save; null means the user closed that dialog, which needs no message.
      const saved =
        format === 'otpauth'
          ? await call('exportOtpauthList', { ids: chosen, password })
          : await call('exportAegis', { ids: chosen, password, exportPassword: null });
      onClose();
      if (saved) {
        notify(t('transfer.text.exported', { count: saved.count, path: saved.path }), {
          tone: 'success',
        });
      }
    },
  });
  useCloseOnLock(onClose);

  const next = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const found = !understood ? 'consent' : chosen.length === 0 ? 'none' : null;
    setProblem(found);
    if (found === 'consent') consentRef.current?.focus();
    if (!found) setStage('password');
  };

  if (stage === 'password') {
    return (
      <Dialog
        title={t(text.title)}
        onClose={onClose}
        size="small"
        kind="export-text"
        footer={
          <FormActions
            formId={formId}
            busy={form.busy}
            label={t('transfer.text.submit')}
            busyLabel={t('transfer.password.checking')}
            onCancel={onClose}
          />
        }
      >
        <VaultPasswordForm id={formId} form={form} autoFocus>
          <p>{t(text.passwordIntro, { count: chosen.length })}</p>
        </VaultPasswordForm>
      </Dialog>
    );
  }
  return (
    <Dialog
      title={t(text.title)}
      onClose={onClose}
      role="alertdialog"
      describedBy={warningId}
      kind="export-text"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="button button-primary">
            {t('transfer.text.continue')}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={next} noValidate>
        <div id={warningId} className="callout callout-warning">
          <AlertIcon size={18} />
          <div>
            <strong>{t('transfer.text.warningTitle')}</strong>
            <p>{t('transfer.text.warning')}</p>
            <p className="export-text-advice">{t(text.advice)}</p>
          </div>
        </div>
        <div className="export-consent">
          <label className="check">
            <input
              ref={consentRef}
              type="checkbox"
              name="understood"
              checked={understood}
              aria-invalid={problem === 'consent'}
              aria-describedby={problem === 'consent' ? consentMessageId : undefined}
              onChange={(e) => {
                setUnderstood(e.target.checked);
                setProblem(null);
              }}
              data-autofocus
            />
            <span>{t('transfer.text.understand')}</span>
          </label>
          {problem === 'consent' && (
            <p id={consentMessageId} className="field-message field-message-error" role="alert">
              {t('transfer.text.confirmFirst')}
            </p>
          )}
        </div>
        <ExportAccountPicker
          accounts={ordered}
          selected={selected}
          onChange={(next) => {
            setSelected(next);
            setProblem(null);
          }}
        />
        <FormError error={problem === 'none' ? t('transfer.choose.none') : null} />
      </form>
    </Dialog>
  );
}
