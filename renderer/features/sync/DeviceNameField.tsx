// This computer's name as the other devices list it; empty leaves main to use the computer's name.
import { useTranslation } from 'react-i18next';
import { DEVICE_NAME_MAX } from '../../../shared/sync';
import { Field } from '../../ui/Field';

export function DeviceNameField(props: {
  value: string;
  onChange: (value: string) => void;
  busy: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Field label={t('sync.deviceName')} hint={t('sync.deviceNameHint')}>
      {({ id, describedBy }) => (
        <input
          id={id}
          name="device-name"
          className="input"
          autoComplete="off"
          maxLength={DEVICE_NAME_MAX}
          aria-describedby={describedBy}
          autoFocus={props.autoFocus}
          readOnly={props.busy}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** The name to send: trimmed, or undefined for main's default. */
export function deviceNameArg(value: string): string | undefined {
  const name = value.trim();
  return name === '' ? undefined : name;
}
