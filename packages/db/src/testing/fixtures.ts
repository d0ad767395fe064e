import { randomUUID } from 'node:crypto';
import type { Db, DbOrTrx, Deployment, Instance, Order, Subscription, User } from '../index';

/** Minimal valid rows, each overridable, so a test states only what it is about. */

export async function insertUser(db: DbOrTrx): Promise<User> {
  const id = randomUUID();
  return db
    .insertInto('user')
    .values({ id, name: 'Test User', email: `${id}@example.test` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertSubscription(
  db: DbOrTrx,
  userId: string,
  values: Partial<Pick<Subscription, 'status' | 'plan'>> = {},
): Promise<Subscription> {
  return db
    .insertInto('subscriptions')
    .values({ user_id: userId, plan: 'BASIC', plan_version: 1, source: 'PAID', ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertOrder(
  db: DbOrTrx,
  userId: string,
  values: Partial<
    Pick<
      Order,
      'status' | 'plan' | 'provider' | 'provider_txn_id' | 'out_trade_no' | 'amount_minor'
    >
  > = {},
): Promise<Order> {
  return db
    .insertInto('orders')
    .values({
      user_id: userId,
      plan: 'BASIC',
      plan_version: 1,
      kind: 'NEW',
      provider: 'SANDBOX',
      out_trade_no: `RH${randomUUID().replaceAll('-', '')}`,
      amount_minor: 9900,
      currency: 'CNY',
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertInstance(
  db: DbOrTrx,
  subscription: Subscription,
  values: Partial<Pick<Instance, 'status'>> = {},
): Promise<Instance> {
  return db
    .insertInto('instances')
    .values({
      subscription_id: subscription.id,
      user_id: subscription.user_id,
      template_project_id: 'tpl-project',
      name: `rh-${randomUUID()}`,
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertDeployment(
  db: DbOrTrx,
  instanceId: string,
  values: Partial<Pick<Deployment, 'status' | 'heartbeat_at'>> = {},
): Promise<Deployment> {
  return db
    .insertInto('deployments')
    .values({ instance_id: instanceId, kind: 'CLONE', ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A user with an ACTIVE subscription and a RUNNING instance. */
export async function insertRunningInstance(db: Db) {
  const user = await insertUser(db);
  const subscription = await insertSubscription(db, user.id, { status: 'ACTIVE' });
  const instance = await insertInstance(db, subscription, { status: 'RUNNING' });
  return { user, subscription, instance };
}

/** The pg error of a rejected promise, to assert on its SQLSTATE and constraint name. */
export async function pgError(
  promise: Promise<unknown>,
): Promise<{ code?: string; constraint?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; constraint?: string; message: string };
  }
  throw new Error('expected the statement to be rejected');
}
