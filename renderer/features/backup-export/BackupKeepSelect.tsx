// How many automatic backups to keep: the usual choices, plus whatever number is set now.
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';

const CHOICES = [1, 3, 5, 10, 20, 30, 50, 100];

export function BackupKeepSelect({
  value,
  onChange,
  disabled = false,
}: {
  value: number;
  onChange: (keep: number) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const choices = CHOICES.includes(value) ? CHOICES : [...CHOICES, value].sort((a, b) => a - b);
  return (
    <Field label={t('backup.autoKeep')} hint={t('backup.autoKeepHint')}>
      {({ id, describedBy }) => (
        <select
          id={id}
          className="input backup-keep"
          aria-describedby={describedBy}
          disabled={disabled}
          value={value}
          onChange={(e) => onChange(Number(e.target.value))}
        >
          {choices.map((n) => (
            <option key={n} value={n}>
              {t('backup.autoKeepCount', { count: n })}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
