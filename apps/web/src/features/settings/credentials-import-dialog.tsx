import { Upload } from 'lucide-react';
import { useId, useState } from 'react';
import { Button, Field, FormDialog, Textarea } from '../../components/ui';
import { useI18n } from '../../i18n';
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
  const [text, setText] = useState('');
  const preview = text.trim() === '' ? null : previewImport(text, stored);
  const tooLong = text.length > MAX_CHARS;

  return (
    <FormDialog
      trigger={
        <Button variant="secondary" size="sm">
          <Upload aria-hidden="true" className="size-4" />
          {t('settings.import.open')}
        </Button>
      }
      title={t('settings.import.title')}
      description={t('settings.import.description')}
      confirmLabel={t('settings.import.submit')}
      canSubmit={preview?.ok === true && !tooLong}
      onOpen={() => setText('')}
      onSubmit={async () => {
        await client.credentials.importJson.mutate({
          subscriptionId,
          document: text,
          apply: false,
        });
        onImported();
      }}
    >
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
    </FormDialog>
  );
}
