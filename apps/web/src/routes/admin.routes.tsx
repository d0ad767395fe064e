import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { parseInstanceFilters } from '../features/admin/instance-filters';

/**
 * The admin console (under adminLayout: admins only). Every page is lazy, so the console and
 * recharts live in their own chunks that customers never download.
 */
export function adminRoutes(parent: AnyRoute): AnyRoute[] {
  const at = (path: string, component: ReturnType<typeof lazyRouteComponent>) =>
    createRoute({ getParentRoute: () => parent, path, component });
  return [
    at(
      '/admin',
      lazyRouteComponent(() => import('../pages/admin/overview-page'), 'AdminOverviewPage'),
    ),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/instances',
      // Filters and sort live in the URL: shareable, and back/forward move between them.
      validateSearch: parseInstanceFilters,
      component: lazyRouteComponent(
        () => import('../pages/admin/instances-page'),
        'AdminInstancesPage',
      ),
    }),
    at(
      '/admin/instances/$instanceId',
      lazyRouteComponent(
        () => import('../pages/admin/instance-detail-page'),
        'AdminInstanceDetailPage',
      ),
    ),
    at(
      '/admin/attention',
      lazyRouteComponent(() => import('../pages/admin/attention-page'), 'AttentionPage'),
    ),
    at(
      '/admin/users',
      lazyRouteComponent(() => import('../pages/admin/users-page'), 'UsersPage'),
    ),
    at(
      '/admin/orders',
      lazyRouteComponent(() => import('../pages/admin/orders-page'), 'AdminOrdersPage'),
    ),
    at(
      '/admin/refunds',
      lazyRouteComponent(() => import('../pages/admin/refunds-page'), 'RefundsPage'),
    ),
    at(
      '/admin/audit',
      lazyRouteComponent(() => import('../pages/admin/audit-page'), 'AuditPage'),
    ),
  ];
}
