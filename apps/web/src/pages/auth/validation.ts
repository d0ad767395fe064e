import type { MessageKey } from '../../i18n';

/** Mirrors the API's better-auth settings (apps/api/src/auth/auth.ts). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface FieldError {
  key: MessageKey;
  params?: Record<string, number>;
}

export type FieldErrors<F extends string> = Partial<Record<F, FieldError>>;

export function validateEmail(email: string): FieldError | undefined {
  if (!email.trim()) return { key: 'auth.invalid.required' };
  if (!EMAIL.test(email.trim())) return { key: 'auth.invalid.email' };
  return undefined;
}

export function validatePassword(password: string): FieldError | undefined {
  if (!password) return { key: 'auth.invalid.required' };
  if (password.length < PASSWORD_MIN) {
    return { key: 'auth.invalid.passwordShort', params: { min: PASSWORD_MIN } };
  }
  if (password.length > PASSWORD_MAX) {
    return { key: 'auth.invalid.passwordLong', params: { max: PASSWORD_MAX } };
  }
  return undefined;
}

function compact<F extends string>(errors: Record<F, FieldError | undefined>): FieldErrors<F> {
  return Object.fromEntries(
    Object.entries(errors).filter(([, error]) => error !== undefined),
  ) as FieldErrors<F>;
}

export function validateSignIn(input: { email: string; password: string }) {
  return compact({
    email: validateEmail(input.email),
    password: input.password ? undefined : { key: 'auth.invalid.required' as const },
  });
}

export function validateSignUp(input: { name: string; email: string; password: string }) {
  return compact({
    name: input.name.trim() ? undefined : { key: 'auth.invalid.required' as const },
    email: validateEmail(input.email),
    password: validatePassword(input.password),
  });
}

export const hasErrors = (errors: object): boolean => Object.keys(errors).length > 0;
