import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_better_auth';
import * as m0002 from './0002_set_updated_at';
import * as m0003 from './0003_billing';
import * as m0004 from './0004_instances';
import * as m0005 from './0005_messaging';
import * as m0006 from './0006_audit';
import * as m0007 from './0007_notification_preferences';
import * as m0008 from './0008_worker_runtime';
import * as m0009 from './0009_admin_indexes';
import * as m0012 from './0012_billing_lifecycle';
import * as m0013 from './0013_refunds_invoices';
import * as m0014 from './0014_invoice_number_at_commit';
import * as m0015 from './0015_refund_reconciliation';
import * as m0016 from './0016_auth_rate_limit';

/**
 * Every migration, by name. A static map (not FileMigrationProvider) so the list is checked by
 * the compiler and works wherever the sources are bundled or run through tsx/vitest.
 * Names sort in apply order; never rename or edit a shipped migration, add a new one.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001_better_auth': m0001,
  '0002_set_updated_at': m0002,
  '0003_billing': m0003,
  '0004_instances': m0004,
  '0005_messaging': m0005,
  '0006_audit': m0006,
  '0007_notification_preferences': m0007,
  '0008_worker_runtime': m0008,
  '0009_admin_indexes': m0009,
  '0012_billing_lifecycle': m0012,
  '0013_refunds_invoices': m0013,
  '0014_invoice_number_at_commit': m0014,
  '0015_refund_reconciliation': m0015,
  '0016_auth_rate_limit': m0016,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
