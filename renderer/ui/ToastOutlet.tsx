// Where toasts appear: one outlet on the page and one in each dialog; only the topmost shows them.
import { useTranslation } from 'react-i18next';
import { useIsTopLayer } from './useLayer';
import { useToast, type Toast } from './useToast';
import { AlertIcon, CheckIcon, CloseIcon } from './Icons';

export function ToastOutlet({ layer }: { layer: string }) {
  const { toasts } = useToast();
  const top = useIsTopLayer(layer);
  const shown = top ? toasts : [];
  // Live regions exist before their content so that screen readers announce what is added.
  return (
    <div className="toasts">
      <div role="status" aria-live="polite" className="toast-stack">
        {shown
          .filter((toast) => toast.tone !== 'error')
          .map((toast) => (
            <ToastItem key={toast.id} toast={toast} />
          ))}
      </div>
      <div role="alert" aria-live="assertive" className="toast-stack">
        {shown
          .filter((toast) => toast.tone === 'error')
          .map((toast) => (
            <ToastItem key={toast.id} toast={toast} />
          ))}
      </div>
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const { dismiss } = useToast();
  return (
    <div className={`toast toast-${toast.tone}`}>
      <span className="toast-icon">
        {toast.tone === 'error' ? <AlertIcon size={16} /> : <CheckIcon size={16} />}
      </span>
      <span className="toast-text">
        {toast.text}
        {toast.detail && <span className="toast-detail">{toast.detail}</span>}
      </span>
      <button
        type="button"
        className="icon-button icon-button-small"
        aria-label={t('toast.dismiss')}
        onClick={() => dismiss(toast.id)}
      >
        <CloseIcon size={14} />
      </button>
    </div>
  );
}
