import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/** `/credentials?instance=<id>` preselects that instance's credentials. */
const credentialsSearch = (search: Record<string, unknown>): { instance?: string } =>
  typeof search.instance === 'string' && search.instance !== ''
    ? { instance: search.instance }
    : {};

/** Credentials, notifications and the account pages (profile, API keys, webhooks); lazy. */
export function settingsRoutes(parent: AnyRoute) {
  const credentials = createRoute({
    getParentRoute: () => parent,
    path: '/credentials',
    validateSearch: credentialsSearch,
    component: lazyRouteComponent(
      () => import('../pages/settings/credentials-page'),
      'CredentialsPage',
    ),
  });
  const notifications = createRoute({
    getParentRoute: () => parent,
    path: '/notifications',
    component: lazyRouteComponent(
      () => import('../pages/settings/notifications-page'),
      'NotificationsPage',
    ),
  });
  const account = createRoute({
    getParentRoute: () => parent,
    path: '/account',
    component: lazyRouteComponent(() => import('../pages/settings/account-page'), 'AccountPage'),
  });
  const apiKeys = createRoute({
    getParentRoute: () => parent,
    path: '/account/api-keys',
    component: lazyRouteComponent(() => import('../pages/settings/api-keys-page'), 'ApiKeysPage'),
  });
  const webhooks = createRoute({
    getParentRoute: () => parent,
    path: '/account/webhooks',
    component: lazyRouteComponent(() => import('../pages/settings/webhooks-page'), 'WebhooksPage'),
  });
  return [credentials, notifications, account, apiKeys, webhooks];
}
