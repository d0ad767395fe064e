import { Upload } from 'lucide-react';
import { useId, useState } from 'react';
import { Button, Dialog, Field, Textarea } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPCClient } from '../../lib/trpc';
import { previewImport } from './import-preview';
import { ImportPreviewList } from './import-preview-list';

/** The document's size bound, as the API's (64 KiB of text). */
const MAX_CHARS = 64 * 1024;

/**
 * Import from JSON, pasted or picked from a file: the preview shows what would change (or every
 * problem) before anything is sent; the server applies all channels or none.
 */
export function CredentialsImportDialog({
  subscriptionId,
  stored,
  onImported,
}: {
  subscriptionId: string;
  stored: ReadonlySet<string>;
  onImported: () => void;
}) {
  const { t } = useI18n();
  const client = useTRPCClient();
  const fileId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const preview = text.trim() === '' ? null : previewImport(text, stored);
  const tooLong = text.length > MAX_CHARS;

  const reset = (next: boolean) => {
    setOpen(next);
    setText('');
    setError(null);
  };
  const submit = async () => {
    setPending(true);
    setError(null);
    try {
      await client.credentials.importJson.mutate({ subscriptionId, document: text, apply: false });
      reset(false);
      onImported();
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={reset}
      trigger={
        <Button variant="secondary" size="sm">
          <Upload aria-hidden="true" className="size-4" />
          {t('settings.import.open')}
        </Button>
      }
      title={t('settings.import.title')}
      description={t('settings.import.description')}
      footer={
        <>
          <Button variant="secondary" onClick={() => reset(false)} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={pending}
            disabled={!preview?.ok || tooLong}
            onClick={() => void submit()}
          >
            {t('settings.import.submit')}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <div className="space-y-1.5">
          <label htmlFor={fileId} className="text-sm font-medium text-neutral-900">
            {t('settings.import.file')}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            className="block w-full text-sm"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void file.text().then(setText);
            }}
          />
        </div>
        <Field
          label={t('settings.import.paste')}
          hint={t('settings.import.example')}
          error={tooLong ? t('settings.import.tooLong') : undefined}
        >
          <Textarea
            value={text}
            spellCheck={false}
            className="font-mono text-xs"
            rows={8}
            onChange={(event) => setText(event.target.value)}
          />
        </Field>
        {preview && <ImportPreviewList preview={preview} />}
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}
