import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  Checkbox,
  QueryState,
  useToast,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';

type Category = keyof RouterOutputs['notifications']['emailPreferences']['email'];

const CATEGORIES = [
  'deployment',
  'instance',
  'billing',
  'security',
] as const satisfies readonly Category[];

/** Which notification categories are also sent by email (each on unless switched off). */
export function EmailPreferencesCard() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const preferences = useQuery(trpc.notifications.emailPreferences.queryOptions());
  const save = useMutation(
    trpc.notifications.setEmailPreferences.mutationOptions({
      onSuccess: (data) =>
        queryClient.setQueryData(trpc.notifications.emailPreferences.queryKey(), data),
      onError: (error) =>
        toast({
          tone: 'danger',
          title: t('settings.email.failed'),
          description: errorMessage(error, t),
        }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('settings.email.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <p className="mb-3 text-sm text-neutral-600">{t('settings.email.description')}</p>
        <QueryState query={preferences}>
          {({ email }) => (
            <fieldset disabled={save.isPending} className="space-y-2">
              <legend className="sr-only">{t('settings.email.title')}</legend>
              {CATEGORIES.map((category) => (
                <Checkbox
                  key={category}
                  label={t(`settings.notifications.category.${category}`)}
                  checked={email[category] !== false}
                  onCheckedChange={(on) => save.mutate({ email: { [category]: on } })}
                />
              ))}
            </fieldset>
          )}
        </QueryState>
      </CardContent>
    </Card>
  );
}
