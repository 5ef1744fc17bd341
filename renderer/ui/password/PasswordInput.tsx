// A password input with a show/hide toggle; the caller supplies the label through Field.
import { useState, type InputHTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { EyeIcon, EyeOffIcon } from '../Icons';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { ref?: Ref<HTMLInputElement> };

export function PasswordInput({ ref, autoComplete = 'off', ...props }: Props) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-input">
      <input
        {...props}
        ref={ref}
        type={visible ? 'text' : 'password'}
        className="input"
        autoComplete={autoComplete}
        spellCheck={false}
        autoCapitalize="off"
      />
      <button
        type="button"
        className="icon-button icon-button-small password-toggle"
        aria-label={visible ? t('common.hidePassword') : t('common.showPassword')}
        aria-pressed={visible}
        onClick={() => setVisible((v) => !v)}
      >
        {visible ? <EyeOffIcon size={16} /> : <EyeIcon size={16} />}
      </button>
    </div>
  );
}
