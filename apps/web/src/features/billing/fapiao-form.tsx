import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, ErrorState, Field, Input, useToast } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import {
  normalizeFapiao,
  validateFapiao,
  type FapiaoField,
  type FapiaoInput,
} from './fapiao-validation';

const FIELDS: { name: FapiaoField; type: string; autoComplete: string }[] = [
  { name: 'title', type: 'text', autoComplete: 'organization' },
  { name: 'taxpayerId', type: 'text', autoComplete: 'off' },
  { name: 'email', type: 'email', autoComplete: 'email' },
];

const LABELS = {
  title: ['billing.fapiao.buyerTitle', 'billing.fapiao.buyerTitleHint'],
  taxpayerId: ['billing.fapiao.taxpayerId', 'billing.fapiao.taxpayerIdHint'],
  email: ['billing.fapiao.email', null],
} as const;

/**
 * Requests a fapiao. Each field is checked when it loses focus and again on submit, with the
 * server's own rules; nothing is sent while a field is wrong.
 */
export function FapiaoForm({
  invoiceId,
  defaultEmail,
}: {
  invoiceId: string;
  defaultEmail: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const { t } = useI18n();
  const [values, setValues] = useState<FapiaoInput>({
    title: '',
    taxpayerId: '',
    email: defaultEmail,
  });
  const [touched, setTouched] = useState<Partial<Record<FapiaoField, boolean>>>({});
  const problems = validateFapiao(normalizeFapiao(values));
  const request = useMutation(
    trpc.invoices.requestFapiao.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.invoices.pathKey() });
        toast({ tone: 'success', title: t('billing.fapiao.requested') });
      },
    }),
  );

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setTouched({ title: true, taxpayerId: true, email: true });
        if (Object.keys(problems).length > 0) return;
        request.mutate({ invoiceId, ...normalizeFapiao(values) });
      }}
    >
      {FIELDS.map(({ name, type, autoComplete }) => {
        const [label, hint] = LABELS[name];
        const problem = touched[name] ? problems[name] : undefined;
        return (
          <Field
            key={name}
            label={t(label)}
            hint={hint ? t(hint) : undefined}
            error={problem ? t(`billing.fapiao.problem.${problem}`) : undefined}
          >
            <Input
              name={name}
              type={type}
              autoComplete={autoComplete}
              value={values[name]}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              onBlur={() => setTouched({ ...touched, [name]: true })}
              className={name === 'taxpayerId' ? 'font-mono uppercase' : undefined}
            />
          </Field>
        );
      })}
      {request.isError && <ErrorState message={errorMessage(request.error, t)} />}
      <Button type="submit" loading={request.isPending}>
        {t('billing.fapiao.submit')}
      </Button>
    </form>
  );
}
