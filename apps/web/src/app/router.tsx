import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
} from '@tanstack/react-router';
import { adminRoutes } from '../routes/admin.routes';
import { authRoutes } from '../routes/auth.routes';
import { billingRoutes, publicBillingRoutes } from '../routes/billing.routes';
import { instancesRoutes } from '../routes/instances.routes';
import { settingsRoutes } from '../routes/settings.routes';
import { loadSession, requireAdmin, requireSession, type RouterContext } from './guards';
import { PublicLayout } from './layout/public-layout';
import { ErrorPage } from './layout/error-page';
import { NotFoundPage } from './layout/not-found-page';

/**
 * root → publicLayout (auth pages), openLayout (pricing: anyone, chrome by session) and
 * appLayout (signed in) → adminLayout (role admin).
 * Each area adds its routes under its parent; pages are lazy so the initial chunk stays small.
 */
export function createAppRouter(queryClient: QueryClient) {
  const rootRoute = createRootRouteWithContext<RouterContext>()({
    component: Outlet,
    notFoundComponent: NotFoundPage,
    errorComponent: ErrorPage,
  });
  const publicLayout = createRoute({
    getParentRoute: () => rootRoute,
    id: 'public',
    component: PublicLayout,
  });
  const openLayout = createRoute({
    getParentRoute: () => rootRoute,
    id: 'open',
    beforeLoad: loadSession,
    component: lazyRouteComponent(() => import('./layout/open-layout'), 'OpenLayout'),
  });
  const appLayout = createRoute({
    getParentRoute: () => rootRoute,
    id: 'app',
    beforeLoad: requireSession,
    // Lazy: the sign-in page, the first thing a visitor loads, does not need the app's chrome.
    component: lazyRouteComponent(() => import('./layout/app-layout'), 'AppLayout'),
  });
  const adminLayout = createRoute({
    getParentRoute: () => appLayout,
    id: 'admin',
    beforeLoad: requireAdmin,
  });

  const routeTree = rootRoute.addChildren([
    publicLayout.addChildren(authRoutes(publicLayout)),
    openLayout.addChildren(publicBillingRoutes(openLayout)),
    appLayout.addChildren([
      ...instancesRoutes(appLayout),
      ...billingRoutes(appLayout),
      ...settingsRoutes(appLayout),
      adminLayout.addChildren(adminRoutes(adminLayout)),
    ]),
  ]);

  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Data is cached by TanStack Query; the router need not cache loader results itself.
    defaultPreloadStaleTime: 0,
    defaultNotFoundComponent: NotFoundPage,
    defaultErrorComponent: ErrorPage,
    scrollRestoration: true,
  });
}
