// A modal dialog on the native <dialog>: the page behind is inert, Tab stays inside, Escape closes.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLatest } from './useLatest';
import { useRegisterLayer } from './useLayer';
import { CloseIcon } from './Icons';
import { ToastOutlet } from './ToastOutlet';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** 'alert' for confirmations that need an answer. */
  role?: 'dialog' | 'alertdialog';
  /** 'full' nearly fills the window (a QR code to scan off the screen). */
  size?: 'small' | 'medium' | 'full';
  describedBy?: string;
  /** Names the dialog for window-wide handlers (paste and drop go to the import preview). */
  kind?: string;
}

export function Dialog({
  title,
  onClose,
  children,
  footer,
  role = 'dialog',
  size = 'medium',
  describedBy,
  kind,
}: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const layer = useRegisterLayer();
  const onCloseRef = useLatest(onClose);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]');
    first?.focus();
    // Escape fires 'cancel'; we close through React state. If the browser insists on closing the
    // dialog itself, 'close' follows and we settle the state the same way.
    const cancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    const closed = () => onCloseRef.current();
    dialog.addEventListener('cancel', cancel);
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      // The opener may be gone (a deleted account's row); then focus goes to the page's fallback.
      const target = opener?.isConnected
        ? opener
        : document.querySelector<HTMLElement>('[data-focus-fallback]');
      target?.focus();
    };
  }, [onCloseRef]);

  const trapTab = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.offsetParent !== null,
    );
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      data-dialog={kind}
      onKeyDown={trapTab}
    >
      <header className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('common.close')}
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {footer && <footer className="dialog-footer">{footer}</footer>}
      <ToastOutlet layer={layer} />
    </dialog>
  );
}
