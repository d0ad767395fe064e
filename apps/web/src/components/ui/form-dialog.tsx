import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';

/**
 * A confirmation that needs input (a reason, an amount, a number): the fields, a confirm button
 * that submits the form, a local check before anything is sent (its message shown inline, no
 * request made), then the server's refusal shown inline if it refuses. Closes on success.
 * ConfirmDialog is the same without fields.
 */
export function FormDialog({
  trigger,
  title,
  description,
  confirmLabel,
  tone = 'primary',
  onOpen,
  check,
  canSubmit = true,
  onSubmit,
  children,
}: {
  trigger: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: ReactNode;
  tone?: 'primary' | 'danger';
  /** Reset the fields when the dialog opens. */
  onOpen?: () => void;
  /** A problem with the input, or null when it may be sent. */
  check?: () => string | null;
  /** False keeps the confirm button disabled (nothing to send yet). */
  canSubmit?: boolean;
  onSubmit: () => Promise<unknown>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = (next: boolean) => {
    if (pending) return;
    if (next) {
      setError(null);
      onOpen?.();
    }
    setOpen(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = check?.() ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onSubmit();
      setOpen(false);
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      trigger={trigger}
      title={title}
      description={description}
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
        {children}
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => change(false)}
          >
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant={tone} loading={pending} disabled={!canSubmit}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
