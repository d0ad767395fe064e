import { sql } from 'kysely';
import { z } from 'zod';
import { adminRead } from './procedures';

/**
 * Upper bounds (seconds) of the deploy-time histogram's buckets; a last, open bucket holds
 * everything slower. Fixed edges, so charts of different periods compare at a glance.
 */
export const DEPLOY_TIME_EDGES_S = [60, 120, 180, 240, 300, 420, 600, 900, 1200] as const;

/**
 * The deploy-time distribution (queued → finished of the SUCCEEDED deployments queued in the
 * last `days` UTC days, today included — the same window as admin.stats): one count per
 * bucket, empty buckets included. One grouped scan of the window.
 */
export const adminDeployTimesProcedure = adminRead
  .input(
    z
      .object({ days: z.number().int().min(1).max(365).default(30) })
      .strict()
      .prefault({}),
  )
  .query(async ({ ctx, input }) => {
    const edges = sql.join(DEPLOY_TIME_EDGES_S.map((edge) => sql.lit(edge)));
    const { rows } = await sql<{ bucket: number; count: number }>`
      select width_bucket(extract(epoch from finished_at - queued_at)::float8,
                          array[${edges}]::float8[]) as bucket,
             count(*)::int as count
      from deployments
      where status = 'SUCCEEDED' and finished_at is not null
        and queued_at >= ((now() at time zone 'UTC')::date - ${input.days - 1}::int)::timestamp
                           at time zone 'UTC'
      group by 1
    `.execute(ctx.db);
    const counts = new Map(rows.map((row) => [row.bucket, row.count]));
    // width_bucket: 0 below the first edge, i for [edge i-1, edge i), n for ≥ the last edge.
    const buckets = [0, ...DEPLOY_TIME_EDGES_S].map((fromS, index) => ({
      fromS,
      toS: DEPLOY_TIME_EDGES_S[index] ?? null,
      count: counts.get(index) ?? 0,
    }));
    return { days: input.days, buckets };
  });
