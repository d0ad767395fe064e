import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

const nextSearch = (search: Record<string, unknown>): { next?: string } =>
  typeof search.next === 'string' ? { next: search.next } : {};

const tokenSearch = (search: Record<string, unknown>): { token?: string; error?: string } => ({
  ...(typeof search.token === 'string' ? { token: search.token } : {}),
  ...(typeof search.error === 'string' ? { error: search.error } : {}),
});

export function authRoutes(parent: AnyRoute) {
  const signIn = createRoute({
    getParentRoute: () => parent,
    path: '/sign-in',
    validateSearch: nextSearch,
    component: lazyRouteComponent(() => import('../pages/auth/sign-in-page'), 'SignInPage'),
  });
  const signUp = createRoute({
    getParentRoute: () => parent,
    path: '/sign-up',
    validateSearch: nextSearch,
    component: lazyRouteComponent(() => import('../pages/auth/sign-up-page'), 'SignUpPage'),
  });
  const forgot = createRoute({
    getParentRoute: () => parent,
    path: '/forgot-password',
    component: lazyRouteComponent(
      () => import('../pages/auth/forgot-password-page'),
      'ForgotPasswordPage',
    ),
  });
  const reset = createRoute({
    getParentRoute: () => parent,
    path: '/reset-password',
    validateSearch: tokenSearch,
    component: lazyRouteComponent(
      () => import('../pages/auth/reset-password-page'),
      'ResetPasswordPage',
    ),
  });
  const signOut = createRoute({
    getParentRoute: () => parent,
    path: '/sign-out',
    component: lazyRouteComponent(() => import('../pages/auth/sign-out-page'), 'SignOutPage'),
  });
  return [signIn, signUp, forgot, reset, signOut];
}
