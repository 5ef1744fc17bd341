// A button that shows a spinner and a "working…" label while its action runs.
import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './Spinner';

interface BusyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  busy: boolean;
  label: string;
  busyLabel: string;
}

export function BusyButton({ busy, label, busyLabel, disabled, ...rest }: BusyButtonProps) {
  return (
    <button type="submit" {...rest} disabled={busy || disabled}>
      {busy && <Spinner />}
      {busy ? busyLabel : label}
    </button>
  );
}
