import { clsx } from 'clsx';
import { X } from 'lucide-react';
import { Toast } from 'radix-ui';
import { useCallback, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import type { Tone } from './badge';
import { focusRing } from './button';
import { ToastContext, type ToastInput } from './toast-context';

const TONE_BORDER: Record<Tone, string> = {
  neutral: 'border-l-neutral-400',
  info: 'border-l-sky-600',
  success: 'border-l-emerald-600',
  warning: 'border-l-amber-500',
  danger: 'border-l-red-600',
};

interface ShownToast extends ToastInput {
  id: number;
}

let nextId = 0;

/** Radix toasts: announced politely (danger assertively), swipe or Escape to dismiss. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const toast = useCallback((input: ToastInput) => {
    nextId += 1;
    setToasts((current) => [...current.slice(-3), { ...input, id: nextId }]);
  }, []);
  const dismiss = (id: number) => setToasts((current) => current.filter((x) => x.id !== id));

  return (
    <ToastContext.Provider value={toast}>
      <Toast.Provider swipeDirection="right" duration={5000} label={t('common.close')}>
        {children}
        {toasts.map((item) => (
          <Toast.Root
            key={item.id}
            type={item.tone === 'danger' ? 'foreground' : 'background'}
            onOpenChange={(open) => !open && dismiss(item.id)}
            className={clsx(
              'flex items-start gap-3 rounded-md border border-l-4 border-neutral-200 bg-white p-4 shadow-lg',
              TONE_BORDER[item.tone ?? 'neutral'],
            )}
          >
            <div className="min-w-0 flex-1">
              <Toast.Title className="text-sm font-semibold text-neutral-900">
                {item.title}
              </Toast.Title>
              {item.description && (
                <Toast.Description className="mt-1 text-sm text-neutral-700">
                  {item.description}
                </Toast.Description>
              )}
            </div>
            <Toast.Close
              aria-label={t('common.close')}
              className={clsx('rounded p-1 text-neutral-500 hover:text-neutral-900', focusRing)}
            >
              <X aria-hidden="true" className="size-4" />
            </Toast.Close>
          </Toast.Root>
        ))}
        <Toast.Viewport className="fixed right-0 bottom-0 z-50 flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
      </Toast.Provider>
    </ToastContext.Provider>
  );
}
