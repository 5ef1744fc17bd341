// The "Advanced" disclosure of the add form: type, algorithm, digits, period and counter.
import { useTranslation } from 'react-i18next';
import { ALGORITHMS, OTP_TYPES, type Algorithm, type OtpType } from '../../../shared/account';
import type { AccountForm } from './model/account-form';
import { Field } from '../../ui/Field';

const TYPE_LABEL = { totp: 'add.typeTotp', hotp: 'add.typeHotp', steam: 'add.typeSteam' } as const;

interface AdvancedFieldsProps {
  form: AccountForm;
  open: boolean;
  onToggle: (open: boolean) => void;
  periodInvalid: boolean;
  counterInvalid: boolean;
  onChange: (patch: Partial<AccountForm>) => void;
}

export function AdvancedFields(props: AdvancedFieldsProps) {
  const { form, open, onToggle, periodInvalid, counterInvalid, onChange } = props;
  const { t } = useTranslation();
  const summary =
    form.type === 'steam'
      ? t('add.advancedSummarySteam')
      : t(form.type === 'hotp' ? 'add.advancedSummaryHotp' : 'add.advancedSummary', {
          type: form.type.toUpperCase(),
          algorithm: form.algorithm,
          digits: form.digits,
          period: form.period,
          counter: form.counter,
        });

  return (
    <details
      className="advanced"
      open={open}
      onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary className="advanced-summary">
        <span className="advanced-title">{t('add.advanced')}</span>
        <span className="advanced-values">{summary}</span>
      </summary>
      <div className="advanced-body">
        <p className="field-hint">{t('add.advancedHint')}</p>
        <Field label={t('add.type')}>
          {({ id }) => (
            <select
              id={id}
              className="input"
              value={form.type}
              onChange={(e) => onChange({ type: e.target.value as OtpType })}
            >
              {OTP_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(TYPE_LABEL[type])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field-grid">
          {form.type !== 'steam' && (
            <>
              <Field label={t('add.algorithm')}>
                {({ id }) => (
                  <select
                    id={id}
                    className="input"
                    value={form.algorithm}
                    onChange={(e) => onChange({ algorithm: e.target.value as Algorithm })}
                  >
                    {ALGORITHMS.map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('add.digits')}>
                {({ id }) => (
                  <select
                    id={id}
                    className="input"
                    value={form.digits}
                    onChange={(e) => onChange({ digits: Number(e.target.value) })}
                  >
                    {[6, 7, 8].map((d) => (
                      <option key={d} value={d}>
                        {d}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          )}
          {form.type === 'totp' && (
            <Field
              label={t('add.period')}
              message={periodInvalid ? t('errors.PERIOD_INVALID') : null}
            >
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="period"
                  className="input"
                  inputMode="numeric"
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  value={form.period}
                  onChange={(e) => onChange({ period: e.target.value })}
                />
              )}
            </Field>
          )}
          {form.type === 'hotp' && (
            <Field
              label={t('add.counter')}
              message={counterInvalid ? t('errors.COUNTER_INVALID') : null}
            >
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="counter"
                  className="input"
                  inputMode="numeric"
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  value={form.counter}
                  onChange={(e) => onChange({ counter: e.target.value })}
                />
              )}
            </Field>
          )}
        </div>
        {form.type === 'steam' && <p className="field-hint">{t('add.steamFixed')}</p>}
      </div>
    </details>
  );
}
