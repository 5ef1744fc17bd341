// Asks before something that cannot be undone: what will happen, Cancel (focused first) and a danger
// button that shows progress, and the error if it failed.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton } from './BusyButton';
import { Dialog } from './Dialog';
import { FormError } from './FormError';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
  /** What will happen; the dialog is described by it. */
  children: ReactNode;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { busy, onConfirm, onClose } = props;
  const { t } = useTranslation();
  const bodyId = useId();
  return (
    <Dialog
      title={props.title}
      onClose={onClose}
      role="alertdialog"
      size="small"
      describedBy={bodyId}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </button>
          <BusyButton
            type="button"
            className="button button-danger"
            onClick={onConfirm}
            busy={busy}
            label={props.confirmLabel}
            busyLabel={props.busyLabel}
          />
        </>
      }
    >
      <div id={bodyId} className="stack">
        {props.children}
      </div>
      <FormError error={props.error} />
    </Dialog>
  );
}
