// Holds the toasts on screen and removes each after a few seconds (errors stay longer).
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { ToastContext, type Toast, type ToastApi } from './useToast';

const LIFETIME_MS = { info: 4000, success: 4000, error: 8000 } as const;
const MAX_TOASTS = 3;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  const notify = useCallback<ToastApi['notify']>(
    (text, options = {}) => {
      const tone = options.tone ?? 'info';
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-(MAX_TOASTS - 1)), { id, text, tone, ...options }]);
      setTimeout(() => dismiss(id), LIFETIME_MS[tone]);
    },
    [dismiss],
  );

  const api = useMemo(() => ({ notify, toasts, dismiss }), [notify, toasts, dismiss]);
  return <ToastContext.Provider value={api}>{children}</ToastContext.Provider>;
}
