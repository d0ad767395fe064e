import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  Field,
  Input,
  useToast,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { authClient, sessionQueryOptions, type SessionUser } from '../../lib/auth-client';
import { authErrorMessage } from '../../pages/auth/auth-errors';

/** Name (editable) and email (the sign-in identity; shown, not changed here). */
export function ProfileCard({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const { toast } = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(t('settings.account.nameRequired'));
    setPending(true);
    setError(null);
    const result = await authClient.updateUser({ name: name.trim() });
    setPending(false);
    if (result.error) return setError(authErrorMessage(result.error, t));
    toast({ tone: 'success', title: t('settings.account.profileSaved') });
    await queryClient.invalidateQueries({ queryKey: sessionQueryOptions.queryKey });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('settings.account.profile')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={(event) => void submit(event)} className="space-y-4">
          <Field label={t('settings.account.name')} error={error ?? undefined}>
            <Input
              name="name"
              autoComplete="name"
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
          <Field label={t('settings.account.email')} hint={t('settings.account.emailHint')}>
            <Input name="email" type="email" value={user.email} readOnly disabled />
          </Field>
          <Button type="submit" loading={pending} disabled={name.trim() === user.name}>
            {t('common.save')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
