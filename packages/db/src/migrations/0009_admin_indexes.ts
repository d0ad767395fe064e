import type { Kysely } from 'kysely';
import { execute } from './sql-helpers';

/**
 * Indexes for the admin views (measured at 100,000 instances / 1,000,000 deployments, see
 * docs/performance.md "bench:api"):
 * - (updated_at, id) and (status, id): the admin list's other keyset orders and the
 *   needing-attention list (longest-unchanged first) page from an index instead of sorting
 *   the fleet (~170-230 ms → ~3 ms per page).
 * - trigram GIN indexes: the admin search is `ilike '%text%'` on name or domain, which a btree
 *   cannot serve (~130 ms sequential scan → ~4 ms). pg_trgm ships with PostgreSQL (contrib),
 *   including the embedded build.
 * deployments (queued_at) was measured and left out: the fleet statistics read most of the
 *   window anyway and the planner kept the sequential scan, so it would only cost writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    'create extension if not exists pg_trgm',
    'create index instances_updated_id_idx on instances (updated_at, id)',
    'create index instances_status_id_idx on instances (status, id)',
    'create index instances_name_trgm_idx on instances using gin (name gin_trgm_ops)',
    'create index instances_domain_trgm_idx on instances using gin (domain gin_trgm_ops)',
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The extension stays: other objects may have come to use it since.
  await execute(
    db,
    'drop index if exists instances_domain_trgm_idx',
    'drop index if exists instances_name_trgm_idx',
    'drop index if exists instances_status_id_idx',
    'drop index if exists instances_updated_id_idx',
  );
}
