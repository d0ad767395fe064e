import { createRoute, lazyRouteComponent, redirect, type AnyRoute } from '@tanstack/react-router';

export type InstanceTab = 'overview' | 'deployments' | 'credentials';
const TABS: readonly string[] = ['overview', 'deployments', 'credentials'];

const tabSearch = (search: Record<string, unknown>): { tab?: InstanceTab } =>
  typeof search.tab === 'string' && TABS.includes(search.tab)
    ? { tab: search.tab as InstanceTab }
    : {};

const deploymentSearch = (search: Record<string, unknown>): { deployment?: string } =>
  typeof search.deployment === 'string' ? { deployment: search.deployment } : {};

/** `/` → `/instances`, the list, an instance (tabs) and its logs. Pages load lazily. */
export function instancesRoutes(parent: AnyRoute) {
  const home = createRoute({
    getParentRoute: () => parent,
    path: '/',
    beforeLoad: () => {
      throw redirect({ to: '/instances', replace: true });
    },
  });
  const list = createRoute({
    getParentRoute: () => parent,
    path: '/instances',
    component: lazyRouteComponent(
      () => import('../pages/instances/instances-page'),
      'InstancesPage',
    ),
  });
  const detail = createRoute({
    getParentRoute: () => parent,
    path: '/instances/$instanceId',
    validateSearch: tabSearch,
    component: lazyRouteComponent(
      () => import('../pages/instances/instance-detail-page'),
      'InstanceDetailPage',
    ),
  });
  const logs = createRoute({
    getParentRoute: () => parent,
    path: '/instances/$instanceId/logs',
    validateSearch: deploymentSearch,
    component: lazyRouteComponent(
      () => import('../pages/instances/instance-logs-page'),
      'InstanceLogsPage',
    ),
  });
  return [home, list, detail, logs];
}
