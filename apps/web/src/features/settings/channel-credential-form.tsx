import type { ChannelDefinition } from '@roundhouse/core';
import { TRPCClientError } from '@trpc/client';
import { useState, type FormEvent } from 'react';
import { Button, Field, Input } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPCClient } from '../../lib/trpc';
import { checkChannelValues, parseServerIssues } from './channel-form';
import { problemText } from './credential-problem';

/**
 * One channel's fields, from the catalog. Write-only: nothing is prefilled (stored secrets never
 * come back), so saving replaces the channel's whole set. Values are checked with the catalog's
 * formats before sending; the server's refusal is shown at the field it names.
 */
export function ChannelCredentialForm({
  channel,
  subscriptionId,
  onSaved,
  onCancel,
}: {
  channel: ChannelDefinition;
  subscriptionId: string;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const client = useTRPCClient();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const check = checkChannelValues(channel, values);
    const problems = Object.entries(check.problems);
    setErrors(
      Object.fromEntries(
        problems.map(([key, p]) => [key, problemText(channel, key, p, t, locale)]),
      ),
    );
    if (problems.length > 0) return;
    setPending(true);
    try {
      // apply: false — the customer decides when to redeploy (offered right after saving).
      await client.credentials.set.mutate({
        subscriptionId,
        channel: channel.id,
        values: check.values,
        apply: false,
      });
      setValues({});
      onSaved();
    } catch (error) {
      const issues = error instanceof TRPCClientError ? parseServerIssues(error.message) : null;
      const atFields = issues?.filter((i) => channel.fields.some((f) => f.key === i.field));
      if (atFields && atFields.length === issues?.length) {
        setErrors(Object.fromEntries(atFields.map((i) => [i.field, i.message])));
      } else {
        setFormError(errorMessage(error, t));
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-4">
      <p className="text-xs text-neutral-600">{t('settings.credentials.writeOnly')}</p>
      {channel.fields.map((field) => (
        <Field
          key={field.key}
          label={
            field.required
              ? field.label[locale]
              : `${field.label[locale]} (${t('common.optional')})`
          }
          hint={`${t('settings.credentials.envVar', { name: field.envVar })} · ${field.hint}`}
          error={errors[field.key]}
        >
          <Input
            name={field.key}
            type={field.secret ? 'password' : 'text'}
            autoComplete="off"
            spellCheck={false}
            required={field.required}
            placeholder={field.hint}
            value={values[field.key] ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              setValues((current) => ({ ...current, [field.key]: value }));
              setErrors(({ [field.key]: _, ...rest }) => rest);
            }}
          />
        </Field>
      ))}
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={pending}>
          {t('settings.credentials.save')}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
