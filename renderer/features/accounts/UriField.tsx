// The setup-link field: an otpauth:// link pasted or typed here fills the form; errors are translated.
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountInput } from '../../../shared/account';
import { isAuthdeskError, type ErrorCode } from '../../../shared/errors';
import { looksLikeBareSecret, parseOtpauthUri } from '../../../shared/otpauth';
import { Field } from '../../ui/Field';

export type UriOutcome =
  | { kind: 'filled'; input: AccountInput }
  | { kind: 'secret'; text: string }
  | { kind: 'error'; code: ErrorCode | 'UNKNOWN' | 'MIGRATION_LINK' }
  | null;

/** Reads pasted text: a link fills the form, a bare key goes to the key field, anything else is explained. */
export function readSetupText(text: string): UriOutcome {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^otpauth-migration:/i.test(trimmed)) return { kind: 'error', code: 'MIGRATION_LINK' };
  if (!/^otpauth:/i.test(trimmed) && looksLikeBareSecret(trimmed)) {
    return { kind: 'secret', text: trimmed };
  }
  try {
    return { kind: 'filled', input: parseOtpauthUri(trimmed) };
  } catch (error) {
    return { kind: 'error', code: isAuthdeskError(error) ? error.code : 'UNKNOWN' };
  }
}

export function outcomeError(outcome: UriOutcome, t: TFunction): string | null {
  if (outcome?.kind !== 'error') return null;
  return outcome.code === 'MIGRATION_LINK' ? t('add.migrationLink') : t(`errors.${outcome.code}`);
}

export function UriField({ onOutcome }: { onOutcome: (outcome: UriOutcome) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<UriOutcome>(null);

  const change = (value: string) => {
    const result = readSetupText(value);
    setOutcome(result);
    onOutcome(result);
    // A bare key moves to the key field; the link field is left empty for the next paste.
    setText(result?.kind === 'secret' ? '' : value);
  };

  const message =
    outcome?.kind === 'error'
      ? outcomeError(outcome, t)
      : outcome?.kind === 'filled'
        ? t('add.uriFilled')
        : outcome?.kind === 'secret'
          ? t('add.uriMovedSecret')
          : null;
  return (
    <Field
      label={t('add.uri')}
      hint={t('add.uriHint')}
      message={message}
      tone={outcome?.kind === 'error' ? 'error' : 'ok'}
      announce
    >
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name="uri"
          className="input input-mono"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          placeholder={t('add.uriPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          value={text}
          onChange={(e) => change(e.target.value)}
        />
      )}
    </Field>
  );
}
