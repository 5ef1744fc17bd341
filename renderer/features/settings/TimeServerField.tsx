// Settings › Time › the server: one of the two offered, or any host[:port] typed in and checked here.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isTimeServer, TIME_SERVERS } from '../../../shared/time-server';
import { Field } from '../../ui/Field';

/** The select's value for "another server"; no host name can contain a space. */
const OTHER = 'other server';

interface TimeServerFieldProps {
  value: string;
  onChange: (server: string) => void;
}

export function TimeServerField({ value, onChange }: TimeServerFieldProps) {
  const { t } = useTranslation();
  const offered = (TIME_SERVERS as readonly string[]).includes(value);
  const [custom, setCustom] = useState(!offered);
  const [text, setText] = useState(offered ? '' : value);
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const server = text.trim();
    if (!isTimeServer(server)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    setInvalid(false);
    setText(server);
    onChange(server);
  };

  return (
    <>
      <Field label={t('clock.server')}>
        {({ id }) => (
          <select
            id={id}
            className="input"
            value={custom ? OTHER : value}
            onChange={(e) => {
              if (e.target.value === OTHER) {
                setCustom(true);
                requestAnimationFrame(() => input.current?.focus());
              } else {
                setCustom(false);
                setInvalid(false);
                onChange(e.target.value);
              }
            }}
          >
            {TIME_SERVERS.map((server) => (
              <option key={server} value={server}>
                {server}
              </option>
            ))}
            <option value={OTHER}>{t('clock.serverOther')}</option>
          </select>
        )}
      </Field>
      {custom && (
        <form className="time-server-custom" onSubmit={submit} noValidate>
          <Field
            label={t('clock.serverCustom')}
            hint={t('clock.serverCustomHint')}
            message={invalid ? t('clock.serverInvalid') : undefined}
            announce
          >
            {({ id, describedBy, invalid: isInvalid }) => (
              <input
                ref={input}
                id={id}
                name="timeServer"
                className="input mono"
                value={text}
                placeholder="ntp.example.com"
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                aria-describedby={describedBy}
                aria-invalid={isInvalid || undefined}
                onChange={(e) => {
                  setText(e.target.value);
                  setInvalid(false);
                }}
              />
            )}
          </Field>
          <button type="submit" className="button">
            {t('clock.serverUse')}
          </button>
        </form>
      )}
    </>
  );
}
