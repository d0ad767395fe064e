import type { AuditLogTable } from './audit';
import type { AccountTable, ApikeyTable, SessionTable, UserTable, VerificationTable } from './auth';
import type {
  InvoiceSequencesTable,
  InvoicesTable,
  OrdersTable,
  PaymentEventsTable,
  RefundsTable,
  SubscriptionsTable,
} from './billing';
import type {
  ChannelCredentialsTable,
  DeploymentLogsTable,
  DeploymentsTable,
  InstancesTable,
} from './instances';
import type { SandboxTradesTable, SubscriptionRemindersTable } from './lifecycle';
import type {
  NotificationPreferencesTable,
  NotificationsTable,
  WebhookEndpointsTable,
} from './messaging';

/** Schema `public` as Kysely sees it (graphile-worker's schema is reached through `enqueue`). */
export interface Database {
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  apikey: ApikeyTable;
  subscriptions: SubscriptionsTable;
  orders: OrdersTable;
  payment_events: PaymentEventsTable;
  refunds: RefundsTable;
  invoice_sequences: InvoiceSequencesTable;
  invoices: InvoicesTable;
  channel_credentials: ChannelCredentialsTable;
  instances: InstancesTable;
  deployments: DeploymentsTable;
  deployment_logs: DeploymentLogsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  webhook_endpoints: WebhookEndpointsTable;
  audit_log: AuditLogTable;
  subscription_reminders: SubscriptionRemindersTable;
  sandbox_trades: SandboxTradesTable;
}
