import {
  AUDIT_ACTOR_TYPES,
  CURRENCIES,
  DEPLOYMENT_KINDS,
  DEPLOYMENT_STATUSES,
  ERROR_CLASSES,
  FAPIAO_STATUSES,
  INSTANCE_STATUSES,
  INVOICE_KINDS,
  LOG_STREAMS,
  ORDER_KINDS,
  ORDER_STATUSES,
  PAYMENT_EVENT_OUTCOMES,
  PAYMENT_PROVIDERS,
  PLAN_IDS,
  REFUND_STATUSES,
  SUBSCRIPTION_SOURCES,
  SUBSCRIPTION_STATUSES,
  USER_ROLES,
} from '@roundhouse/core';
import { sql } from 'kysely';
import type { Db } from '../src/index';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/** Every enum column and the value set the code uses for it. */
const EXPECTED: Record<string, readonly string[]> = {
  'user.role': USER_ROLES,
  'subscriptions.plan': PLAN_IDS,
  'subscriptions.source': SUBSCRIPTION_SOURCES,
  'subscriptions.status': SUBSCRIPTION_STATUSES,
  'orders.plan': PLAN_IDS,
  'orders.kind': ORDER_KINDS,
  'orders.provider': PAYMENT_PROVIDERS,
  'orders.currency': CURRENCIES,
  'orders.status': ORDER_STATUSES,
  'payment_events.provider': PAYMENT_PROVIDERS,
  'payment_events.outcome': PAYMENT_EVENT_OUTCOMES,
  'refunds.currency': CURRENCIES,
  'refunds.status': REFUND_STATUSES,
  'invoices.kind': INVOICE_KINDS,
  'invoices.plan': PLAN_IDS,
  'invoices.currency': CURRENCIES,
  'invoices.fapiao_status': FAPIAO_STATUSES,
  'instances.status': INSTANCE_STATUSES,
  'instances.error_class': ERROR_CLASSES,
  'deployments.kind': DEPLOYMENT_KINDS,
  'deployments.status': DEPLOYMENT_STATUSES,
  'deployments.error_class': ERROR_CLASSES,
  'deployment_logs.stream': LOG_STREAMS,
  'audit_log.actor_type': AUDIT_ACTOR_TYPES,
};

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.destroy());

it("CHECK constraints allow exactly the code's enum values", async () => {
  // single-column CHECKs whose definition is an IN list: `col = ANY (ARRAY['A'::text, ...])`
  const { rows } = await sql<{ column: string; definition: string }>`
    select cl.relname || '.' || a.attname as column, pg_get_constraintdef(co.oid) as definition
    from pg_constraint co
    join pg_class cl on cl.oid = co.conrelid
    join pg_namespace n on n.oid = cl.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = co.conrelid and a.attnum = co.conkey[1]
    where co.contype = 'c' and cardinality(co.conkey) = 1
      and pg_get_constraintdef(co.oid) like '%= ANY (ARRAY[%'
  `.execute(db);
  const actual = Object.fromEntries(
    rows.map((row) => [
      row.column,
      [...row.definition.matchAll(/'([^']*)'::text/g)].map((match) => match[1]).sort(),
    ]),
  );
  const expected = Object.fromEntries(
    Object.entries(EXPECTED).map(([column, values]) => [column, [...values].sort()]),
  );
  expect(actual).toEqual(expected);
});
