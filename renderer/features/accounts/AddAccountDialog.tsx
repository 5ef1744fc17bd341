// Add an account by hand or from a pasted otpauth:// link. The duplicate rule (shared/duplicate-rule.ts):
// the same credential as an account in the vault is explained and can be added anyway; the same name
// as one is only noted, since another secret key is another account.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_OTP, displayName, type AccountMeta } from '../../../shared/account';
import { nameKey } from '../../../shared/duplicate-rule';
import { call, errorCodeOf } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { useToast } from '../../ui/useToast';
import {
  checkForm,
  EMPTY_FORM,
  formFromInput,
  hasProblems,
  inputFromForm,
  type AccountForm,
} from './model/account-form';
import { AdvancedFields } from './AdvancedFields';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { AlertIcon } from '../../ui/Icons';
import { SecretField } from './SecretField';
import { UriField, outcomeError, readSetupText, type UriOutcome } from './UriField';
import { FormError } from '../../ui/FormError';
import { FormActions } from '../../ui/FormActions';
import { TagsField } from '../tags/TagsField';
import { useTagList } from '../tags/useTagList';

export function AddAccountDialog({
  initialSecret,
  accounts = [],
  onClose,
  onAdded,
}: {
  /** A bare key pasted on the accounts screen: the form opens with it filled in. */
  initialSecret?: string;
  /** The vault's accounts, to note one with the same name. */
  accounts?: readonly AccountMeta[];
  onClose: () => void;
  onAdded: (account: AccountMeta) => void;
}) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<AccountForm>({ ...EMPTY_FORM, secret: initialSecret ?? '' });
  const [tags, setTags] = useState<string[]>([]);
  const knownTags = useTagList();
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [duplicate, setDuplicate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problems = checkForm(form);
  const typedName = nameKey({ issuer: form.issuer, label: form.label });
  const sameName =
    form.issuer.trim() || form.label.trim()
      ? accounts.find((a) => nameKey(a) === typedName)
      : undefined;

  const change = (patch: Partial<AccountForm>) => {
    setForm((old) => ({ ...old, ...patch }));
    setDuplicate(false);
    setError(null);
  };

  const applyOutcome = (outcome: UriOutcome, fromSecretField = false) => {
    if (outcome?.kind === 'filled') {
      const filled = formFromInput(outcome.input);
      change(filled);
      const o = outcome.input;
      if (
        o.type !== DEFAULT_OTP.type ||
        o.algorithm !== DEFAULT_OTP.algorithm ||
        o.digits !== DEFAULT_OTP.digits ||
        o.period !== DEFAULT_OTP.period
      ) {
        setAdvancedOpen(true);
      }
    } else if (outcome?.kind === 'secret') {
      change({ secret: outcome.text });
    } else if (outcome?.kind === 'error' && fromSecretField) {
      setError(outcomeError(outcome, t));
    }
  };

  const add = async (allowDuplicate: boolean) => {
    if (!problems.secret.ok) return;
    setBusy(true);
    setError(null);
    try {
      const input = inputFromForm(form, problems.secret.canonical);
      const account = tags.length > 0 ? { ...input, tags } : input;
      const added = await call('addAccount', { account, allowDuplicate });
      notify(t('toast.added', { name: displayName(added) }), { tone: 'success' });
      onAdded(added);
    } catch (failure) {
      setBusy(false);
      if (errorCodeOf(failure) === 'ACCOUNT_DUPLICATE') setDuplicate(true);
      else setError(errorText(failure));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (busy) return;
    if (hasProblems(problems)) {
      if (problems.period || problems.counter) setAdvancedOpen(true);
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    void add(false);
  };

  return (
    <Dialog
      title={t('add.title')}
      onClose={onClose}
      footer={
        <FormActions
          formId={formId}
          busy={busy}
          label={t('add.submit')}
          busyLabel={t('add.adding')}
          onCancel={onClose}
        />
      }
    >
      <form id={formId} ref={formRef} className="form" onSubmit={submit} noValidate>
        <UriField onOutcome={applyOutcome} />
        <div className="divider">
          <span>{t('add.or')}</span>
        </div>
        <div className="field-row">
          <Field
            label={t('add.issuer')}
            message={submitted && problems.name ? t('add.needName') : null}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="issuer"
                className="input"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                placeholder={t('add.issuerPlaceholder')}
                autoComplete="off"
                value={form.issuer}
                onChange={(e) => change({ issuer: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('add.account')}>
            {({ id }) => (
              <input
                id={id}
                name="label"
                className="input"
                placeholder={t('add.accountPlaceholder')}
                autoComplete="off"
                value={form.label}
                onChange={(e) => change({ label: e.target.value })}
              />
            )}
          </Field>
        </div>
        <SecretField
          value={form.secret}
          feedback={problems.secret}
          showEmpty={submitted}
          onChange={(secret) => change({ secret })}
          onUriPasted={(text) => applyOutcome(readSetupText(text), true)}
        />
        <TagsField value={tags} known={knownTags ?? []} onChange={setTags} />
        <AdvancedFields
          form={form}
          open={advancedOpen}
          onToggle={setAdvancedOpen}
          periodInvalid={submitted && problems.period}
          counterInvalid={submitted && problems.counter}
          onChange={change}
        />
        {sameName && !duplicate && (
          <p className="field-hint add-same-name" role="note">
            {t('add.sameNameAs', { name: displayName(sameName) })}
          </p>
        )}
        {duplicate && (
          <div className="callout callout-warning" role="alert">
            <AlertIcon size={18} />
            <div>
              <strong>{t('add.duplicateTitle')}</strong>
              <p>{t('add.duplicateBody')}</p>
              <button
                type="button"
                className="button button-compact"
                disabled={busy}
                onClick={() => void add(true)}
              >
                {t('add.addAnyway')}
              </button>
            </div>
          </div>
        )}
        <FormError error={error} />
      </form>
    </Dialog>
  );
}
