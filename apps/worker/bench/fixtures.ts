import { randomBytes, randomUUID } from 'node:crypto';
import { encrypt, type Keyring } from '@roundhouse/crypto';
import type { Db } from '@roundhouse/db';
import { instanceProjectName } from '@roundhouse/db/repositories/provisioning';
import { sql } from 'kysely';

/** Where a seeded RUNNING instance lives on Railway (the simulator). */
export interface RailwayPlacement {
  projectId: string;
  environmentId: string;
  serviceId: string;
  domain: string;
  publicUrl: string;
}

const CHUNK = 2_000;

/** Channel credentials the clone saga needs (a model key and a chat channel), fresh per customer. */
function credentialsOf(): Record<string, Record<string, string>> {
  return {
    OPENAI: { apiKey: `sk-proj-${randomBytes(16).toString('hex')}` },
    TELEGRAM: {
      botToken: `123456789:AA${randomBytes(16).toString('hex')}`,
      allowedUserIds: '12345678',
    },
  };
}

/**
 * Customers with an ACTIVE PRO subscription and one instance each, with set-based SQL
 * (INSERT … SELECT FROM unnest) so 10,000 rows take a second. Without `placements` the
 * instances are PROVISIONING as the payment flow leaves them (ready for clone_instance); with
 * them, RUNNING on those Railway services. With `keyring`, each customer also has encrypted
 * channel credentials (what the clone saga and the monitor's log redaction read). Returns the
 * instance ids.
 */
export async function seedInstances(
  db: Db,
  input: {
    count: number;
    templateProjectId: string;
    placements?: readonly RailwayPlacement[];
    keyring?: Keyring;
  },
): Promise<string[]> {
  const { keyring } = input;
  const { placements } = input;
  if (placements && placements.length !== input.count) {
    throw new Error(`seedInstances: ${placements.length} placements for ${input.count} instances`);
  }
  const ids = Array.from({ length: input.count }, () => randomUUID());
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const users = chunk.map(() => randomUUID());
    const subscriptions = chunk.map(() => randomUUID());
    const placed = placements?.slice(start, start + CHUNK);
    const column = (pick: (p: RailwayPlacement) => string) =>
      placed ? placed.map(pick) : chunk.map(() => null);
    await db.transaction().execute(async (trx) => {
      await sql`
        insert into "user" (id, name, email)
        select id, 'Bench customer', id || '@bench.test' from unnest(${users}::text[]) as id
      `.execute(trx);
      await sql`
        insert into subscriptions (id, user_id, plan, plan_version, source, status)
        select s, u, 'PRO', 1, 'PAID', 'ACTIVE'
        from unnest(${subscriptions}::uuid[], ${users}::text[]) as t(s, u)
      `.execute(trx);
      await sql`
        insert into instances (id, subscription_id, user_id, template_project_id, name, status,
          railway_project_id, railway_environment_id, railway_service_id, domain, public_url)
        select i, s, u, ${input.templateProjectId}, n, ${placed ? 'RUNNING' : 'PROVISIONING'},
          p, e, sv, d, url
        from unnest(${chunk}::uuid[], ${subscriptions}::uuid[], ${users}::text[],
          ${chunk.map(instanceProjectName)}::text[], ${column((p) => p.projectId)}::text[],
          ${column((p) => p.environmentId)}::text[], ${column((p) => p.serviceId)}::text[],
          ${column((p) => p.domain)}::text[], ${column((p) => p.publicUrl)}::text[])
          as t(i, s, u, n, p, e, sv, d, url)
      `.execute(trx);
      if (keyring) await insertCredentials(trx, keyring, subscriptions);
    });
  }
  return ids;
}

async function insertCredentials(db: Db, keyring: Keyring, subscriptionIds: readonly string[]) {
  await db
    .insertInto('channel_credentials')
    .values(subscriptionIds.flatMap((id) => sealedCredentialRows(keyring, id)))
    .execute();
}

/** One customer's credential rows (fresh values), encrypted with row-bound AAD as the api seals them. */
export function sealedCredentialRows(keyring: Keyring, subscriptionId: string) {
  return Object.entries(credentialsOf()).map(([channel, values]) => {
    const id = randomUUID();
    const ciphertext = encrypt(keyring, JSON.stringify(values), {
      table: 'channel_credentials',
      rowId: id,
      field: 'ciphertext',
    });
    return {
      id,
      subscription_id: subscriptionId,
      channel,
      ciphertext,
      key_version: keyring.primaryKeyId,
    };
  });
}
