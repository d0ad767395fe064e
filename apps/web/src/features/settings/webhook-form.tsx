import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Field, Input, QueryState } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';
import { groupEvents, webhookUrlProblem } from './webhook-url';

export type WebhookEvent = RouterOutputs['webhooks']['events'][number];

export interface WebhookFormValues {
  url: string;
  description: string;
  events: WebhookEvent[];
}

/** URL (checked before sending), description and the events to receive, grouped. */
export function WebhookForm({
  initial,
  submitLabel,
  pending,
  serverError,
  onSubmit,
  onCancel,
}: {
  initial: WebhookFormValues;
  submitLabel: string;
  pending: boolean;
  serverError: string | null;
  onSubmit: (values: WebhookFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const events = useQuery(trpc.webhooks.events.queryOptions());
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const urlProblem = webhookUrlProblem(values.url);
    const found = {
      ...(urlProblem && { url: t(`settings.webhooks.urlProblem.${urlProblem}`) }),
      ...(values.events.length === 0 && { events: t('settings.webhooks.eventsRequired') }),
    };
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit({ ...values, url: values.url.trim() });
  };
  const toggle = (name: WebhookEvent, on: boolean) =>
    setValues((v) => ({
      ...v,
      events: on ? [...v.events, name] : v.events.filter((e) => e !== name),
    }));

  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      <Field
        label={t('settings.webhooks.url')}
        hint={t('settings.webhooks.urlHint')}
        error={errors.url}
      >
        <Input
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={values.url}
          onChange={(event) => setValues((v) => ({ ...v, url: event.target.value }))}
        />
      </Field>
      <Field label={`${t('settings.webhooks.descriptionLabel')} (${t('common.optional')})`}>
        <Input
          name="description"
          maxLength={200}
          value={values.description}
          onChange={(event) => setValues((v) => ({ ...v, description: event.target.value }))}
        />
      </Field>
      <fieldset className="space-y-2" aria-describedby={errors.events ? 'events-error' : undefined}>
        <legend className="text-sm font-medium text-neutral-900">
          {t('settings.webhooks.events')}
        </legend>
        <QueryState query={events}>
          {(list) => (
            <div className="grid gap-3 sm:grid-cols-2">
              {groupEvents(list).map(([group, names]) => (
                <div key={group} className="space-y-1">
                  <p className="text-xs font-semibold text-neutral-600 uppercase">{group}</p>
                  {names.map((name) => (
                    <Checkbox
                      key={name}
                      label={<code className="text-xs">{name}</code>}
                      checked={values.events.includes(name)}
                      onCheckedChange={(on) => toggle(name, on)}
                    />
                  ))}
                </div>
              ))}
            </div>
          )}
        </QueryState>
        {errors.events && (
          <p id="events-error" className="text-sm text-red-700">
            {errors.events}
          </p>
        )}
      </fieldset>
      {serverError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {serverError}
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
