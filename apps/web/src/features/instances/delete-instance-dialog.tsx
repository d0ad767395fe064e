import { useId, useState, type FormEvent } from 'react';
import { Button, Dialog, Input, Label } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';

/**
 * Deleting is permanent, so the user types the instance's name; the dialog says what is lost.
 * Stays open with the error (e.g. CONFLICT) if the server refuses.
 */
export function DeleteInstanceDialog({
  name,
  open,
  onOpenChange,
  onConfirm,
}: {
  name: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useI18n();
  const inputId = useId();
  const formId = useId();
  const [typed, setTyped] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim() === name;

  const change = (next: boolean) => {
    if (pending) return;
    setTyped('');
    setError(null);
    onOpenChange(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!matches) {
      setError(t('instances.delete.mismatch'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setPending(false);
      onOpenChange(false);
    } catch (failure) {
      setPending(false);
      setError(errorMessage(failure, t));
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={t('instances.delete.title', { name })}
      description={t('instances.delete.lost')}
      footer={
        <>
          <Button variant="secondary" disabled={pending} onClick={() => change(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            form={formId}
            variant="danger"
            loading={pending}
            disabled={!matches}
          >
            {t('instances.delete.confirm')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} className="space-y-2">
        <Label htmlFor={inputId}>{t('instances.delete.typeName', { name })}</Label>
        <Input
          id={inputId}
          value={typed}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null || undefined}
          onChange={(e) => setTyped(e.target.value)}
        />
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
