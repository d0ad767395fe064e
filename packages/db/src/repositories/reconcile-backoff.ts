import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema/database';

/**
 * The per-row backoff of the reconciliation crons, for tables with `reconcile_attempts` and
 * `reconcile_next_at` (orders since 0012, refunds since 0015): a claimed row is next due after
 * base * 2^attempts, capped (1, 2, 4, 8, then every 10 min with the crons' settings).
 */
export interface ReconcileBackoff {
  baseBackoffMs: number;
  maxBackoffMs: number;
}

/** The `set` of a claim: one more attempt, next due per the row's own attempt count (in SQL). */
export function claimWithBackoff(now: Date, backoff: ReconcileBackoff) {
  return {
    reconcile_attempts: sql<number>`reconcile_attempts + 1`,
    reconcile_next_at: sql<Date>`${now}::timestamptz + least(
      ${backoff.baseBackoffMs}::bigint * power(2, least(reconcile_attempts, 20))::bigint,
      ${backoff.maxBackoffMs}::bigint
    ) * interval '1 millisecond'`,
  };
}

/** What a reconciliation cron claims per batch, and when a row is due. */
export interface ReconcileClaim extends ReconcileBackoff {
  /** Only rows at least this old (created_at): younger ones may still be settling on their own. */
  minAgeMs: number;
  batchSize: number;
}

/**
 * Claims up to `batchSize` rows of `table` in `status` that are old enough and due, oldest
 * first: row-locked past rows another run holds (skip locked) and pushed back by the backoff,
 * in the caller's transaction. Returns their ids; the provider is asked after the commit.
 */
export async function claimDueRows(
  trx: Transaction<Database>,
  target: { table: 'orders'; status: 'CREATED' } | { table: 'refunds'; status: 'PENDING' },
  now: Date,
  settings: ReconcileClaim,
): Promise<string[]> {
  // Both tables carry the columns read here (status, created_at, reconcile_*): typed as orders.
  const table = target.table as 'orders';
  const due = await trx
    .selectFrom(table)
    .select('id')
    .where('status', '=', target.status as 'CREATED')
    .where('created_at', '<=', new Date(now.getTime() - settings.minAgeMs))
    .where((eb) => eb.or([eb('reconcile_next_at', 'is', null), eb('reconcile_next_at', '<=', now)]))
    .orderBy('created_at')
    .limit(settings.batchSize)
    .forUpdate()
    .skipLocked()
    .execute();
  if (due.length === 0) return [];
  const claimed = await trx
    .updateTable(table)
    .set(claimWithBackoff(now, settings))
    .where(
      'id',
      'in',
      due.map((row) => row.id),
    )
    .returning('id')
    .execute();
  return claimed.map((row) => row.id);
}
