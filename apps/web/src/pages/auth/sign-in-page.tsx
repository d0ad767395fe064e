import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { useI18n } from '../../i18n';
import { authClient, resetSession } from '../../lib/auth-client';
import { safeNext } from '../../lib/safe-next';
import { AuthCard, FormAlert } from './auth-card';
import { useAuthForm } from './use-auth-form';
import { validateSignIn } from './validation';

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { next } = useSearch({ strict: false }) as { next?: string };
  const form = useAuthForm({
    initial: { email: '', password: '' },
    validate: validateSignIn,
    submit: ({ email, password }, fetchOptions) =>
      authClient.signIn.email({ email: email.trim(), password }, fetchOptions),
    onSuccess: async () => {
      await resetSession(queryClient);
      await navigate({ href: safeNext(next), replace: true });
    },
  });

  return (
    <AuthCard
      title={t('auth.signInTitle')}
      text={t('auth.signInText')}
      footer={
        <p>
          {t('auth.noAccount')}{' '}
          <Link
            to="/sign-up"
            search={next ? { next } : {}}
            className="font-medium text-teal-800 underline"
          >
            {t('auth.signUp')}
          </Link>
        </p>
      }
    >
      <form noValidate onSubmit={form.onSubmit} className="space-y-4">
        <Field label={t('auth.email')} error={form.fieldError('email')}>
          <Input type="email" autoComplete="email" required {...form.bind('email')} />
        </Field>
        <Field label={t('auth.password')} error={form.fieldError('password')}>
          <Input
            type="password"
            autoComplete="current-password"
            required
            {...form.bind('password')}
          />
        </Field>
        <div className="text-right text-sm">
          <Link to="/forgot-password" className="text-teal-800 underline">
            {t('auth.forgotLink')}
          </Link>
        </div>
        {form.serverError && <FormAlert tone="error">{form.serverError}</FormAlert>}
        <Button type="submit" className="w-full" loading={form.pending}>
          {t('auth.signIn')}
        </Button>
      </form>
    </AuthCard>
  );
}
