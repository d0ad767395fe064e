import { sql } from 'kysely';

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
