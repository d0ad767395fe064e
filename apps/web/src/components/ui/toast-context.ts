import { createContext, useContext } from 'react';
import type { Tone } from './badge';

export interface ToastInput {
  title: string;
  description?: string;
  tone?: Tone;
}

export const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

/** `const { toast } = useToast(); toast({ title, description, tone })`. */
export function useToast(): { toast: (toast: ToastInput) => void } {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error('useToast must be used inside <ToastProvider>');
  return { toast };
}
