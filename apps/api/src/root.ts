import { adminRouter } from './routers/admin.router';
import { apiKeysRouter } from './routers/api-keys.router';
import { credentialsRouter } from './routers/credentials.router';
import { instancesRouter } from './routers/instances.router';
import { invoicesRouter } from './routers/invoices.router';
import { notificationsRouter } from './routers/notifications.router';
import { ordersRouter } from './routers/orders.router';
import { paymentsRouter } from './routers/payments.router';
import { plansRouter } from './routers/plans.router';
import { subscriptionsRouter } from './routers/subscriptions.router';
import { webhooksRouter } from './routers/webhooks.router';
import { createTRPCRouter } from './trpc';

/** Every procedure of the API; clients import only `type AppRouter` (see client.ts). */
export const appRouter = createTRPCRouter({
  plans: plansRouter,
  subscriptions: subscriptionsRouter,
  orders: ordersRouter,
  payments: paymentsRouter,
  invoices: invoicesRouter,
  instances: instancesRouter,
  credentials: credentialsRouter,
  notifications: notificationsRouter,
  webhooks: webhooksRouter,
  apiKeys: apiKeysRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
