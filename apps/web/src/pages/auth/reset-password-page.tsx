import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, buttonClasses } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { useI18n } from '../../i18n';
import { authClient } from '../../lib/auth-client';
import { AuthCard, FormAlert } from './auth-card';
import { useAuthForm } from './use-auth-form';
import { PASSWORD_MIN, validatePassword } from './validation';

export function ResetPasswordPage() {
  const { t } = useI18n();
  const { token, error } = useSearch({ strict: false }) as { token?: string; error?: string };
  const [done, setDone] = useState(false);
  const form = useAuthForm({
    initial: { password: '' },
    validate: ({ password }) => {
      const invalid = validatePassword(password);
      return invalid ? { password: invalid } : {};
    },
    submit: ({ password }, fetchOptions) =>
      authClient.resetPassword({ newPassword: password, token: token ?? '' }, fetchOptions),
    onSuccess: () => setDone(true),
  });

  const backToSignIn = (
    <Link to="/sign-in" className="text-teal-800 underline">
      {t('auth.backToSignIn')}
    </Link>
  );

  if (!token || error) {
    return (
      <AuthCard title={t('auth.resetTitle')} footer={backToSignIn}>
        <FormAlert tone="error">
          {error ? t('auth.error.invalidToken') : t('auth.missingToken')}
        </FormAlert>
        <Link to="/forgot-password" className={buttonClasses('secondary') + ' mt-4 w-full'}>
          {t('auth.requestNewLink')}
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.resetTitle')} footer={backToSignIn}>
      {done ? (
        <FormAlert tone="success">{t('auth.resetDone')}</FormAlert>
      ) : (
        <form noValidate onSubmit={form.onSubmit} className="space-y-4">
          <Field
            label={t('auth.newPassword')}
            hint={t('auth.passwordHint', { min: PASSWORD_MIN })}
            error={form.fieldError('password')}
          >
            <Input
              type="password"
              autoComplete="new-password"
              required
              {...form.bind('password')}
            />
          </Field>
          {form.serverError && <FormAlert tone="error">{form.serverError}</FormAlert>}
          <Button type="submit" className="w-full" loading={form.pending}>
            {t('auth.resetPassword')}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
