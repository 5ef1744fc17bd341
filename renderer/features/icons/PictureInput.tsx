// A picture for an account's icon: a file chosen in main's dialog (pickAccountIcon), or one dropped
// or pasted here (setAccountIconImage). Main decodes, resizes and keeps it in the vault at once; the
// account's icon becomes that picture.
import { useState, type ClipboardEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ICON_LIMITS } from '../../../shared/account-icon';
import type { AccountMeta } from '../../../shared/account';
import { call, errorCodeOf } from '../../api/api';
import { useErrorText } from '../../api/useErrorText';

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

export function PictureInput({
  accountId,
  onSaved,
}: {
  accountId: string;
  onSaved: (account: AccountMeta) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const run = async (work: () => Promise<AccountMeta | null>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const account = await work();
      if (account) {
        setSaved(true);
        onSaved(account);
      }
    } catch (failure) {
      // The shared IMAGE_TOO_LARGE text speaks of QR screenshots and their limits; an icon's are smaller.
      setError(
        errorCodeOf(failure) === 'IMAGE_TOO_LARGE' ? t('icons.tooLarge') : errorText(failure),
      );
    } finally {
      setBusy(false);
    }
  };

  const takeFile = (file: File | undefined) => {
    if (!file || busy) return;
    if (file.size > ICON_LIMITS.maxSourceBytes) {
      setError(t('icons.tooLarge'));
      return;
    }
    void run(async () =>
      call('setAccountIconImage', {
        id: accountId,
        name: file.name.slice(0, 256),
        base64: await base64Of(file),
      }),
    );
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    takeFile(event.dataTransfer.files[0]);
  };
  const onPaste = (event: ClipboardEvent) => {
    const file = [...event.clipboardData.files].find((f) => f.type.startsWith('image/'));
    if (!file) return;
    event.preventDefault();
    takeFile(file);
  };

  return (
    <div className="picture-input">
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void run(() => call('pickAccountIcon', { id: accountId }))}
      >
        {t('icons.chooseFile')}
      </button>
      <div
        className="picture-drop"
        tabIndex={0}
        role="group"
        aria-label={t('icons.dropZone')}
        onDragOver={(event) => event.preventDefault()}
        onDrop={onDrop}
        onPaste={onPaste}
      >
        {t('icons.dropHint')}
      </div>
      <p className="field-hint" role="status">
        {busy ? t('icons.reading') : saved ? t('icons.pictureSaved') : ''}
      </p>
      {error && (
        <p className="field-message field-message-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
