// Edit what a user may change after creation: names, tags, note, pin and the AWS MFA device ARN.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type AccountMeta } from '../../../shared/account';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { LazyIconChooser } from '../icons/LazyIconChooser';
import { iconPatch, type IconChoice } from '../icons/model/icon-choice';
import { useToast } from '../../ui/useToast';
import { looksLikeMfaArn } from './model/aws-arn';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { FormActions } from '../../ui/FormActions';
import { TagsField } from '../tags/TagsField';
import { useTagList } from '../tags/useTagList';

type Editable = Required<Pick<AccountMeta, 'issuer' | 'label' | 'tags' | 'note' | 'awsSerial'>> & {
  pinned: boolean;
};

export function EditAccountDialog({
  account,
  onClose,
}: {
  account: AccountMeta;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { notify } = useToast();
  const errorText = useErrorText();
  const formId = useId();
  const [form, setForm] = useState<Editable>({
    issuer: account.issuer,
    label: account.label,
    tags: account.tags ?? [],
    note: account.note ?? '',
    awsSerial: account.awsSerial ?? '',
    pinned: Boolean(account.pinned),
  });
  const knownTags = useTagList();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [icon, setIcon] = useState<IconChoice>(account.icon ?? null);
  const needName = form.issuer.trim() === '' && form.label.trim() === '';
  const arnWarning = form.awsSerial.trim() !== '' && !looksLikeMfaArn(form.awsSerial);

  const change = (patch: Partial<Editable>) => {
    setForm((old) => ({ ...old, ...patch }));
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || needName) return;
    setBusy(true);
    try {
      const saved = await call('updateAccount', {
        id: account.id,
        patch: {
          issuer: form.issuer.trim(),
          label: form.label.trim(),
          tags: form.tags,
          note: form.note,
          awsSerial: form.awsSerial.trim(),
          pinned: form.pinned,
          ...iconPatch(account.icon, icon),
        },
      });
      notify(t('toast.saved', { name: displayName(saved) }), { tone: 'success' });
      onClose();
    } catch (failure) {
      setBusy(false);
      setError(errorText(failure));
    }
  };

  const text = (key: 'issuer' | 'label', label: string, placeholder?: string) => (
    <Field label={label} message={key === 'issuer' && needName ? t('add.needName') : null}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={key}
          className="input"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          placeholder={placeholder}
          autoComplete="off"
          value={form[key]}
          onChange={(e) => change({ [key]: e.target.value })}
          data-autofocus={key === 'issuer' ? true : undefined}
        />
      )}
    </Field>
  );

  return (
    <Dialog
      title={t('edit.title')}
      onClose={onClose}
      footer={
        <FormActions
          formId={formId}
          busy={busy}
          label={t('common.save')}
          busyLabel={t('common.saving')}
          onCancel={onClose}
        />
      }
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
        <div className="field-row">
          {text('issuer', t('add.issuer'), t('add.issuerPlaceholder'))}
          {text('label', t('add.account'), t('add.accountPlaceholder'))}
        </div>
        <TagsField
          value={form.tags}
          known={knownTags ?? []}
          onChange={(tags) => change({ tags })}
        />
        <Field label={t('edit.note')}>
          {({ id }) => (
            <textarea
              id={id}
              name="note"
              className="input textarea"
              rows={3}
              value={form.note}
              onChange={(e) => change({ note: e.target.value })}
            />
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={form.pinned}
            onChange={(e) => change({ pinned: e.target.checked })}
          />
          <span>{t('edit.pinned')}</span>
        </label>
        <Field
          label={t('edit.arn')}
          hint={t('edit.arnHint')}
          message={arnWarning ? t('edit.arnWarning') : null}
          tone="warning"
        >
          {({ id, describedBy }) => (
            <input
              id={id}
              name="awsSerial"
              className="input input-mono"
              aria-describedby={describedBy}
              placeholder={t('edit.arnPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              value={form.awsSerial}
              onChange={(e) => change({ awsSerial: e.target.value })}
            />
          )}
        </Field>
        <LazyIconChooser
          account={account}
          issuer={form.issuer}
          label={form.label}
          choice={icon}
          onChange={setIcon}
        />
        <CodeSettings account={account} />
        <FormError error={error} />
      </form>
    </Dialog>
  );
}

function CodeSettings({ account }: { account: AccountMeta }) {
  const { t } = useTranslation();
  const summary =
    account.type === 'steam'
      ? t('add.advancedSummarySteam')
      : t(account.type === 'hotp' ? 'add.advancedSummaryHotp' : 'add.advancedSummary', {
          type: account.type.toUpperCase(),
          algorithm: account.algorithm,
          digits: account.digits,
          period: account.period,
          counter: account.counter,
        });
  return (
    <div className="readonly-box">
      <span className="field-label">{t('edit.details')}</span>
      <span className="readonly-value">{summary}</span>
      <span className="field-hint">{t('edit.detailsHint')}</span>
    </div>
  );
}
