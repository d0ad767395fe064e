import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { authErrorMessage, captureRetryAfter, type AuthFailure } from './auth-errors';
import { hasErrors, type FieldError, type FieldErrors } from './validation';

type AuthResult = { error: AuthFailure | null };
type FetchOptions = ReturnType<typeof captureRetryAfter>['fetchOptions'];

/**
 * Form state shared by the auth pages: values, client-side field errors (shown after the first
 * submit and re-checked while typing), the pending flag and the server's error, readable.
 */
export function useAuthForm<F extends string>({
  initial,
  validate,
  submit,
  onSuccess,
}: {
  initial: Record<F, string>;
  validate: (values: Record<F, string>) => FieldErrors<F>;
  submit: (values: Record<F, string>, fetchOptions: FetchOptions) => Promise<AuthResult>;
  onSuccess: (values: Record<F, string>) => void | Promise<void>;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const fieldErrors: FieldErrors<F> = submitted ? validate(values) : {};

  const fieldError = (field: F): string | undefined => {
    const error: FieldError | undefined = fieldErrors[field];
    return error ? t(error.key, error.params) : undefined;
  };

  const bind = (field: F) => ({
    name: field,
    value: values[field],
    onChange: (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [field]: event.target.value })),
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (hasErrors(validate(values))) return;
    setPending(true);
    const retry = captureRetryAfter();
    try {
      const { error } = await submit(values, retry.fetchOptions);
      if (error) {
        setServerError(authErrorMessage({ ...error, retryAfterSeconds: retry.retryAfter() }, t));
        return;
      }
      await onSuccess(values);
    } catch (error) {
      setServerError(authErrorMessage(error as AuthFailure, t));
    } finally {
      setPending(false);
    }
  };

  return { values, bind, fieldError, onSubmit, pending, serverError };
}
