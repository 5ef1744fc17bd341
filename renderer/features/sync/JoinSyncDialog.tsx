// The join screen: this computer joins the sync another one started in the chosen folder, with the
// pairing code that one shows (Enter submits) or the sync password; a wrong or expired code, a wrong
// password or a folder with nothing to join is said at the field it concerns.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normalisePairingCode, type SyncStatus } from '../../../shared/sync';
import type { ApiErrorCode } from '../../api/api';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { SegmentedOptions } from '../../ui/SegmentedOptions';
import { PasswordInput } from '../../ui/password/PasswordInput';
import { VaultPasswordForm } from '../../ui/password/VaultPasswordForm';
import { useVaultPasswordForm } from '../../ui/password/useVaultPasswordForm';
import { call } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';
import { DeviceNameField, deviceNameArg } from './DeviceNameField';
import { SyncFolderField } from './SyncFolderField';

const METHODS = ['code', 'password'] as const;
type JoinMethod = (typeof METHODS)[number];

/** The failures said at the code or sync password field rather than under the form. */
const AT_CODE: ApiErrorCode[] = ['SYNC_PAIRING_WRONG', 'SYNC_PAIRING_EXPIRED'];
const AT_PASSWORD: ApiErrorCode[] = ['SYNC_PASSWORD_WRONG', 'SYNC_NO_PASSWORD'];

interface JoinSyncDialogProps {
  folder: { handle: string; folder: string };
  /** Main's folder dialog again; a failure is said in this dialog. */
  onChooseFolder: () => Promise<void>;
  onJoined: (status: SyncStatus) => void;
  onClose: () => void;
}

export function JoinSyncDialog({ folder, onChooseFolder, onJoined, onClose }: JoinSyncDialogProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formId = useId();
  const [method, setMethod] = useState<JoinMethod>('code');
  const [code, setCode] = useState('');
  const [syncPassword, setSyncPassword] = useState('');
  const [deviceName, setDeviceName] = useState('');
  /** Said at the code or sync password field: a typing problem, or main's answer about it. */
  const [fieldError, setFieldError] = useState<string | null>(null);
  const form = useVaultPasswordForm({
    run: async (password) => {
      const plain = normalisePairingCode(code);
      onJoined(
        await call('joinSync', {
          folderHandle: folder.handle,
          password,
          deviceName: deviceNameArg(deviceName),
          with:
            method === 'code'
              ? { kind: 'code', code: plain ?? code }
              : { kind: 'password', syncPassword },
        }),
      );
    },
    onFailure: (failure, focusField) => {
      const atCode = method === 'code' && AT_CODE.includes(failure);
      const atPassword = method === 'password' && AT_PASSWORD.includes(failure);
      if (!atCode && !atPassword) return;
      // Said once, at the field to fix, the caret there.
      form.setError(null);
      setFieldError(t(`errors.${failure}`));
      focusField(atCode ? 'pairing-code' : 'sync-password');
    },
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    const problem =
      method === 'code'
        ? code.trim() === ''
          ? t('sync.enterCode')
          : normalisePairingCode(code) === null
            ? t('sync.codeMalformed')
            : null
        : syncPassword === ''
          ? t('sync.enterSyncPassword')
          : null;
    if (problem && !form.busy) {
      event.preventDefault();
      setFieldError(problem);
      const name = method === 'code' ? 'pairing-code' : 'sync-password';
      event.currentTarget.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.focus();
      return;
    }
    await form.submit(event);
  };

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setFieldError(null);
  };

  return (
    <Dialog
      title={t('sync.joinTitle')}
      kind="sync-join"
      onClose={onClose}
      footer={
        <FormActions
          formId={formId}
          busy={form.busy}
          label={t('sync.joinSubmit')}
          busyLabel={t('sync.joining')}
          onCancel={onClose}
        />
      }
    >
      <VaultPasswordForm id={formId} form={{ ...form, submit }}>
        <p className="backup-intro">{t('sync.joinIntro')}</p>
        <SyncFolderField
          folder={folder.folder}
          busy={form.busy}
          onChange={() =>
            void onChooseFolder().then(
              () => form.setError(null),
              (failure: unknown) => form.setError(errorText(failure)),
            )
          }
        />
        <fieldset className="segmented-field">
          <legend className="field-label">{t('sync.joinWith')}</legend>
          <SegmentedOptions
            name="join-method"
            options={METHODS}
            value={method}
            labelOf={(m) => t(m === 'code' ? 'sync.withCode' : 'sync.withPassword')}
            onChange={(m) => {
              setMethod(m);
              setFieldError(null);
            }}
          />
        </fieldset>
        {method === 'code' ? (
          <Field label={t('sync.code')} hint={t('sync.codeHint')} message={fieldError} announce>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="pairing-code"
                className="input mono sync-code-input"
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="characters"
                maxLength={60}
                placeholder="XXXX-XXXX-XXXX-XXXX-XXXX"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                data-autofocus
                readOnly={form.busy}
                value={code}
                onChange={(e) => edit(setCode)(e.target.value)}
              />
            )}
          </Field>
        ) : (
          <Field label={t('sync.syncPassword')} message={fieldError} announce>
            {({ id, describedBy, invalid }) => (
              <PasswordInput
                id={id}
                name="sync-password"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                readOnly={form.busy}
                value={syncPassword}
                onChange={(e) => edit(setSyncPassword)(e.target.value)}
              />
            )}
          </Field>
        )}
        <DeviceNameField value={deviceName} onChange={setDeviceName} busy={form.busy} />
      </VaultPasswordForm>
    </Dialog>
  );
}
