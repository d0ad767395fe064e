import { randomUUID } from 'node:crypto';
import type { Keyring } from '@roundhouse/crypto';
import type { Db } from '@roundhouse/db';
import { provisionSubscription } from '@roundhouse/db/repositories/provisioning';
import { sql } from 'kysely';
import { sealedCredentialRows } from './fixtures';

const PERIOD_MS = 30 * 24 * 3_600_000;

/**
 * `count` customers as the checkout leaves them: a PENDING PRO subscription with the channel
 * credentials the clone saga needs (a model provider and a chat channel), encrypted like the
 * api seals them. Returns the subscription ids.
 */
export async function seedCustomers(db: Db, keyring: Keyring, count: number): Promise<string[]> {
  const users = Array.from({ length: count }, () => randomUUID());
  const subscriptions = Array.from({ length: count }, () => randomUUID());
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into "user" (id, name, email)
      select id, 'Chaos customer', id || '@chaos.test' from unnest(${users}::text[]) as id
    `.execute(trx);
    await sql`
      insert into subscriptions (id, user_id, plan, plan_version, source, status)
      select s, u, 'PRO', 1, 'PAID', 'PENDING'
      from unnest(${subscriptions}::uuid[], ${users}::text[]) as t(s, u)
    `.execute(trx);
    await trx
      .insertInto('channel_credentials')
      .values(subscriptions.flatMap((id) => sealedCredentialRows(keyring, id)))
      .execute();
  });
  return subscriptions;
}

/**
 * Pays for every subscription the way the payment flow does: `provisionSubscription` in its own
 * transaction creates the PROVISIONING instance and enqueues clone_instance. Returns the
 * instance ids.
 */
export async function provisionAll(
  db: Db,
  subscriptionIds: readonly string[],
  templateProjectId: string,
): Promise<string[]> {
  const instances: string[] = [];
  for (const subscriptionId of subscriptionIds) {
    const { instance } = await db.transaction().execute((trx) =>
      provisionSubscription(trx, {
        subscriptionId,
        periodEnd: new Date(Date.now() + PERIOD_MS),
        template: { projectId: templateProjectId, serviceId: null },
      }),
    );
    instances.push(instance.id);
  }
  return instances;
}
