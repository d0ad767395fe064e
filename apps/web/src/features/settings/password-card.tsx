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
import { authClient } from '../../lib/auth-client';
import { authErrorMessage } from '../../pages/auth/auth-errors';
import { validatePassword } from '../../pages/auth/validation';

type PasswordField = 'current' | 'next' | 'confirm';

/** Change password with the current one; errors shown at the field they concern. */
export function PasswordCard() {
  const { t } = useI18n();
  const { toast } = useToast();
  const [values, setValues] = useState<Record<PasswordField, string>>({
    current: '',
    next: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<Partial<Record<PasswordField | 'form', string>>>({});
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const weak = validatePassword(values.next);
    const found = {
      ...(!values.current && { current: t('auth.invalid.required') }),
      ...(weak && { next: t(weak.key, weak.params) }),
      ...(values.confirm !== values.next && { confirm: t('settings.account.passwordMismatch') }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    const result = await authClient.changePassword({
      currentPassword: values.current,
      newPassword: values.next,
    });
    setPending(false);
    if (result.error) {
      const wrongCurrent = result.error.code === 'INVALID_PASSWORD';
      return setErrors(
        wrongCurrent
          ? { current: t('settings.account.wrongPassword') }
          : { form: authErrorMessage(result.error, t) },
      );
    }
    setValues({ current: '', next: '', confirm: '' });
    toast({ tone: 'success', title: t('settings.account.passwordChanged') });
  };

  const input = (field: PasswordField, autoComplete: string) => (
    <Input
      name={field}
      type="password"
      autoComplete={autoComplete}
      value={values[field]}
      onChange={(event) => setValues((v) => ({ ...v, [field]: event.target.value }))}
    />
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('settings.account.password')}</CardTitle>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={(event) => void submit(event)} className="space-y-4">
          <Field label={t('settings.account.currentPassword')} error={errors.current}>
            {input('current', 'current-password')}
          </Field>
          <Field label={t('settings.account.newPassword')} error={errors.next}>
            {input('next', 'new-password')}
          </Field>
          <Field label={t('settings.account.confirmPassword')} error={errors.confirm}>
            {input('confirm', 'new-password')}
          </Field>
          {errors.form && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {errors.form}
            </p>
          )}
          <Button type="submit" loading={pending}>
            {t('settings.account.changePassword')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
