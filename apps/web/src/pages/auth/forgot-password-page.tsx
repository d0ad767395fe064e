import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { useI18n } from '../../i18n';
import { authClient } from '../../lib/auth-client';
import { AuthCard, FormAlert } from './auth-card';
import { useAuthForm } from './use-auth-form';
import { validateEmail } from './validation';

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useAuthForm({
    initial: { email: '' },
    validate: ({ email }) => {
      const error = validateEmail(email);
      return error ? { email: error } : {};
    },
    // better-auth mails a link to /api/auth/reset-password/<token>, which checks the token and
    // redirects to redirectTo with ?token= (or ?error=INVALID_TOKEN).
    submit: ({ email }, fetchOptions) =>
      authClient.requestPasswordReset(
        { email: email.trim(), redirectTo: `${window.location.origin}/reset-password` },
        fetchOptions,
      ),
    onSuccess: ({ email }) => setSentTo(email.trim()),
  });

  return (
    <AuthCard
      title={t('auth.forgotTitle')}
      text={t('auth.forgotText')}
      footer={
        <Link to="/sign-in" className="text-teal-800 underline">
          {t('auth.backToSignIn')}
        </Link>
      }
    >
      {sentTo ? (
        <FormAlert tone="success">{t('auth.linkSent', { email: sentTo })}</FormAlert>
      ) : (
        <form noValidate onSubmit={form.onSubmit} className="space-y-4">
          <Field label={t('auth.email')} error={form.fieldError('email')}>
            <Input type="email" autoComplete="email" required {...form.bind('email')} />
          </Field>
          {form.serverError && <FormAlert tone="error">{form.serverError}</FormAlert>}
          <Button type="submit" className="w-full" loading={form.pending}>
            {t('auth.sendLink')}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
