import type { Db } from '@roundhouse/db';
import { sql } from 'kysely';

/**
 * Fills the bench database in a few set-based statements (INSERT … SELECT over
 * generate_series, never row by row): `instances` instances, each with its own subscription and
 * `perInstance` deployments, owned 10 apiece by the users already there (the signed-up bench
 * customers) plus generated ones. Instances are spread over the last 29 days and their
 * deployments between the instance's creation and now; 90 % RUNNING, the rest in every other
 * state, so the admin views have something to find.
 */
export async function seedFleet(
  db: Db,
  options: { instances: number; perInstance: number },
): Promise<void> {
  const { instances, perInstance } = options;
  const owners = Math.ceil(instances / 10);
  const spreadS = Math.floor((29 * 86_400) / instances) || 1;
  await db.connection().execute(async (conn) => {
    // Throwaway data: don't wait for the WAL flush of every statement.
    await sql`set synchronous_commit = off`.execute(conn);
    const { rows } = await sql<{ count: number }>`
      select count(*)::int as count from "user" where role is distinct from 'admin'
    `.execute(conn);
    await sql`
      insert into "user" (id, name, email, "emailVerified")
      select 'bench-' || g, 'Bench user ' || g, 'bench-' || g || '@example.test', true
      from generate_series(1, ${Math.max(0, owners - (rows[0]?.count ?? 0))}::int) g
    `.execute(conn);
    await sql`
      create unlogged table bench_seed as
      select n,
             gen_random_uuid() as subscription_id,
             gen_random_uuid() as instance_id,
             gen_random_uuid() as current_deployment_id,
             u.id as user_id,
             now() - make_interval(secs => n * ${spreadS}) as created_at,
             (array['RUNNING', 'FAILED', 'DEGRADED', 'SUSPENDED', 'PROVISIONING', 'DEPLOYING',
                    'DELETED'])[
               case when p < 90 then 1 when p < 94 then 2 when p < 96 then 3 else p - 92 end]
               as status
      from generate_series(0, ${instances - 1}::int) n
      -- a pseudo-random percentile, independent of which owner n falls to
      cross join lateral (select abs(hashint4(n)) % 100 as p) pick
      join (select id, (row_number() over (order by id) - 1)::int as idx
            from "user" where role is distinct from 'admin') u
        on u.idx = n % ${owners}::int
    `.execute(conn);
    await sql`
      insert into subscriptions (id, user_id, plan, plan_version, source, status,
                                 current_period_start, current_period_end, created_at)
      select subscription_id, user_id, (array['BASIC', 'PRO', 'ENTERPRISE'])[n % 3 + 1], 1,
             'PAID', case when status = 'SUSPENDED' then 'SUSPENDED' else 'ACTIVE' end,
             created_at, created_at + interval '30 days', created_at
      from bench_seed
    `.execute(conn);
    await sql`
      insert into instances (id, subscription_id, user_id, template_project_id, name,
                             railway_project_id, railway_environment_id, railway_service_id,
                             domain, public_url, status, provisioned_at, created_at)
      select instance_id, subscription_id, user_id, 'tpl-bench', 'rh-' || instance_id,
             'prj-' || n, 'env-' || n, 'svc-' || n, 'bench-' || n || '.up.railway.app',
             'https://bench-' || n || '.up.railway.app', status,
             created_at + interval '3 minutes', created_at
      from bench_seed
    `.execute(conn);
    // Deployment k of an instance is queued at k/perInstance of the way from its creation to
    // now; the last one is its current deployment. 85 % succeed, 10 % fail, 5 % are canceled.
    await sql`
      insert into deployments (id, instance_id, railway_deployment_id, railway_service_id, kind,
                               status, progress, queued_at, building_at, deploying_at,
                               health_check_at, finished_at, error_class, error_message,
                               created_at)
      select case when k = ${perInstance}::int then s.current_deployment_id
                  else gen_random_uuid() end,
             s.instance_id, 'dep-' || s.n || '-' || k, 'svc-' || s.n,
             case when k = 1 then 'CLONE' else 'REDEPLOY' end,
             d.status, case when d.status = 'SUCCEEDED' then 100 else 40 end,
             d.queued_at,
             d.queued_at + make_interval(secs => 5 + h % 20),
             d.queued_at + make_interval(secs => 60 + h % 60),
             d.queued_at + make_interval(secs => 125 + h % 60),
             d.queued_at + make_interval(secs => 130 + h % 90),
             case when d.status = 'FAILED' then (array['NETWORK', 'TIMEOUT', 'CONFIGURATION'])[h % 3 + 1] end,
             case when d.status = 'FAILED' then 'bench failure' end,
             d.queued_at
      from bench_seed s
      cross join generate_series(1, ${perInstance}::int) k
      cross join lateral (select (s.n * 31 + k * 17) % 1000 as h) hash
      cross join lateral (
        select s.created_at + (now() - s.created_at) * (k - 1) / ${perInstance}::int as queued_at,
               case when k = ${perInstance}::int or h % 20 < 17 then 'SUCCEEDED'
                    when h % 20 < 19 then 'FAILED' else 'CANCELED' end as status
      ) d
    `.execute(conn);
    await sql`
      update instances i
      set current_deployment_id = s.current_deployment_id,
          last_good_deployment_id = s.current_deployment_id
      from bench_seed s
      where i.id = s.instance_id
    `.execute(conn);
    await sql`drop table bench_seed`.execute(conn);
    // Fresh statistics and visibility maps, as a long-running database would have.
    await sql`vacuum analyze`.execute(conn);
  });
}
