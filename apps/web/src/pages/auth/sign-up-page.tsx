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
import { PASSWORD_MIN, validateSignUp } from './validation';

export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { next } = useSearch({ strict: false }) as { next?: string };
  const form = useAuthForm({
    initial: { name: '', email: '', password: '' },
    validate: validateSignUp,
    submit: ({ name, email, password }, fetchOptions) =>
      authClient.signUp.email({ name: name.trim(), email: email.trim(), password }, fetchOptions),
    onSuccess: async () => {
      await resetSession(queryClient);
      await navigate({ href: safeNext(next), replace: true });
    },
  });

  return (
    <AuthCard
      title={t('auth.signUpTitle')}
      text={t('auth.signUpText')}
      footer={
        <p>
          {t('auth.haveAccount')}{' '}
          <Link
            to="/sign-in"
            search={next ? { next } : {}}
            className="font-medium text-teal-800 underline"
          >
            {t('auth.signIn')}
          </Link>
        </p>
      }
    >
      <form noValidate onSubmit={form.onSubmit} className="space-y-4">
        <Field label={t('auth.name')} error={form.fieldError('name')}>
          <Input autoComplete="name" required {...form.bind('name')} />
        </Field>
        <Field label={t('auth.email')} error={form.fieldError('email')}>
          <Input type="email" autoComplete="email" required {...form.bind('email')} />
        </Field>
        <Field
          label={t('auth.password')}
          hint={t('auth.passwordHint', { min: PASSWORD_MIN })}
          error={form.fieldError('password')}
        >
          <Input type="password" autoComplete="new-password" required {...form.bind('password')} />
        </Field>
        {form.serverError && <FormAlert tone="error">{form.serverError}</FormAlert>}
        <Button type="submit" className="w-full" loading={form.pending}>
          {t('auth.signUp')}
        </Button>
      </form>
    </AuthCard>
  );
}
