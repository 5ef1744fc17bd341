// An on/off switch: a real checkbox with role="switch", its label, and an optional one-line explanation.
import { useId } from 'react';

interface SwitchProps {
  label: string;
  hint?: string;
  /** A second line under the hint, e.g. why the switch is disabled; also read with the switch. */
  note?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}

export function Switch({ label, hint, note, checked, disabled, onChange }: SwitchProps) {
  const id = useId();
  const described = [hint && `${id}-hint`, note && `${id}-note`].filter(Boolean).join(' ');
  return (
    <div className="switch-row">
      <div className="switch-text">
        <label htmlFor={id} className="switch-label">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="field-hint">
            {hint}
          </p>
        )}
        {note && (
          <p id={`${id}-note`} className="field-hint switch-note">
            {note}
          </p>
        )}
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
    </div>
  );
}
