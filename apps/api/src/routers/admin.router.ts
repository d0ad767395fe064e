import type { TRPCRouterRecord } from '@trpc/server';
import { adminAuditLogRouter } from './admin/audit-log.router';
import { adminOrdersRouter, adminRefundsRouter } from './admin/billing.router';
import { adminInstancesRouter } from './admin/instances.router';
import { adminDeployTimesProcedure } from './admin/deploy-times.router';
import { adminBillingRouter } from './admin/refunds.router';
import { adminStatsProcedure } from './admin/stats.router';
import { adminSubscriptionsRouter } from './admin/subscriptions.router';
import { adminUsersRouter } from './admin/users.router';

/**
 * Everything only admins (or their API keys holding the `admin` permission) may call. Reads
 * need `admin:read`, changes `admin:write`; every change is audited as ADMIN (or API_KEY).
 */
export const adminRouter = {
  ...adminSubscriptionsRouter,
  instances: adminInstancesRouter,
  stats: adminStatsProcedure,
  deployTimes: adminDeployTimesProcedure,
  users: adminUsersRouter,
  auditLog: adminAuditLogRouter,
  orders: adminOrdersRouter,
  refunds: adminRefundsRouter,
  billing: adminBillingRouter,
} satisfies TRPCRouterRecord;
