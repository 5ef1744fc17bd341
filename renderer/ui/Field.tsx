// A labelled form control with an optional hint and an inline message, wired for screen readers.
import { useId, type ReactNode } from 'react';

export type FieldTone = 'error' | 'warning' | 'ok';

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  message?: ReactNode;
  tone?: FieldTone;
  /** Renders the control with the ids it must use. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  className?: string;
  /** Announce the message when it appears (for errors after a submit, not while typing). */
  announce?: boolean;
}

export function Field({
  label,
  hint,
  message,
  tone = 'error',
  children,
  className,
  announce = false,
}: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const messageId = `${id}-message`;
  const describedBy =
    [hint ? hintId : null, message ? messageId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(message) && tone === 'error' })}
      {message && (
        <p
          id={messageId}
          className={`field-message field-message-${tone}`}
          role={announce ? 'alert' : undefined}
        >
          {message}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
