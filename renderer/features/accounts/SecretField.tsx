// The secret key input with its verdict as you type; a pasted otpauth:// link fills the whole form.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SecretFeedback } from './model/secret-feedback';
import { Field } from '../../ui/Field';

function secretMessage(feedback: SecretFeedback, t: TFunction): string {
  if (feedback.ok) return t('add.secretOk', { count: feedback.length });
  switch (feedback.key) {
    case 'empty':
      return t('secret.empty');
    case 'badChar':
      return t('secret.badChar', { char: feedback.char });
    case 'lookalike':
      return t('secret.lookalike', {
        char: feedback.char,
        suggestion: t(`secret.${feedback.suggestion}`),
      });
    case 'invisible':
      return t('secret.invisible', { hex: feedback.hex });
    case 'length':
      return t('secret.length', { count: feedback.count });
  }
}

interface SecretFieldProps {
  value: string;
  feedback: SecretFeedback;
  /** Show "enter the key" for an empty field (after a submit). */
  showEmpty: boolean;
  onChange: (value: string) => void;
  onUriPasted: (text: string) => void;
}

export function SecretField({
  value,
  feedback,
  showEmpty,
  onChange,
  onUriPasted,
}: SecretFieldProps) {
  const { t } = useTranslation();
  const empty = !feedback.ok && feedback.key === 'empty';
  const message = empty && !showEmpty ? null : secretMessage(feedback, t);
  return (
    <Field
      label={t('add.secret')}
      hint={t('add.secretHint')}
      message={message}
      tone={feedback.ok ? 'ok' : 'error'}
    >
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name="secret"
          className="input input-mono"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          placeholder={t('add.secretPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onPaste={(e) => {
            const text = e.clipboardData.getData('text');
            if (/^\s*otpauth:/i.test(text)) {
              e.preventDefault();
              onUriPasted(text);
            }
          }}
        />
      )}
    </Field>
  );
}
