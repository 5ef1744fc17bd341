// The password of an encrypted file being imported (a backup, an encrypted Aegis export): the file
// stays in main; a wrong password keeps this dialog open for another try.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FORMAT_NAMES } from '../../../shared/transfer';
import type { ApiErrorCode } from '../../api/api';
import type { LockedFile } from './useImport';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';
import { PasswordInput } from '../../ui/password/PasswordInput';

interface FilePasswordDialogProps {
  file: LockedFile;
  busy: boolean;
  /** Resolves with the failure's code, or null once the file is open. */
  onUnlock: (password: string) => Promise<ApiErrorCode | null>;
  onClose: () => void;
}

export function FilePasswordDialog({ file, busy, onUnlock, onClose }: FilePasswordDialogProps) {
  const { t } = useTranslation();
  const formId = useId();
  const introId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [failed, setFailed] = useState<ApiErrorCode | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setSubmitted(true);
    if (busy || password === '') return;
    setFailed(null);
    const code = await onUnlock(password);
    if (code) {
      setFailed(code);
      input.current?.select();
    }
  };

  // A wrong password is the field's fault; a damaged or expired file is not, and is said below it.
  const passwordFault = failed === 'WRONG_PASSWORD' || failed === 'PASSWORD_REQUIRED';
  const message = passwordFault
    ? t(`errors.${failed}`)
    : submitted && password === ''
      ? t('backup.enterFilePassword')
      : null;

  return (
    <Dialog
      title={t('backup.fileTitle')}
      onClose={onClose}
      size="small"
      describedBy={introId}
      footer={
        <FormActions
          formId={formId}
          busy={busy}
          label={t('backup.fileSubmit')}
          busyLabel={t('backup.fileOpening')}
          onCancel={onClose}
        />
      }
    >
      <form id={formId} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <p id={introId} className="backup-intro">
          {t('backup.fileIntro', { name: file.name, format: IMPORT_FORMAT_NAMES[file.format] })}
        </p>
        <Field label={t('backup.filePassword')} message={message} announce>
          {({ id, describedBy, invalid }) => (
            <PasswordInput
              ref={input}
              id={id}
              name="file-password"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-autofocus
              readOnly={busy}
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setFailed(null);
              }}
            />
          )}
        </Field>
        <FormError error={failed && !passwordFault ? t(`errors.${failed}`) : null} />
      </form>
    </Dialog>
  );
}
