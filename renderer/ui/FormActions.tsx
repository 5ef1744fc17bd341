// Cancel and a primary submit button that shows progress: the end of every form and edit dialog.
import { useTranslation } from 'react-i18next';
import { BusyButton } from './BusyButton';

interface FormActionsProps {
  /** The form the submit button belongs to, when the buttons sit outside it (a dialog footer). */
  formId?: string;
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel: () => void;
}

export function FormActions({ formId, busy, label, busyLabel, onCancel }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <BusyButton
        form={formId}
        className="button button-primary"
        busy={busy}
        label={label}
        busyLabel={busyLabel}
      />
    </>
  );
}
