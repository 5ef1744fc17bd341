// The toast context: any component can announce a short message (copied, saved) or an error.
import { createContext, useContext } from 'react';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  text: string;
  detail?: string;
  tone: ToastTone;
}

export interface ToastApi {
  notify: (text: string, options?: { detail?: string; tone?: ToastTone }) => void;
  toasts: Toast[];
  dismiss: (id: number) => void;
}

export const ToastContext = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast needs a ToastProvider');
  return api;
}
