import { randomUUID } from 'node:crypto';
import type { DeploymentKind, DeploymentStatus, InstanceStatus } from '@roundhouse/core';
import type { Db, DbOrTrx, Deployment, Instance, User } from '@roundhouse/db';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import { sql } from 'kysely';
import type { ApiServices } from '../src/context';
import { instancesRouter } from '../src/routers/instances.router';
import { createCallerFactory, createTRPCRouter } from '../src/trpc';
import { apiKeyCaller, contextFor, sessionCaller } from './support/context';

/** Rows and callers for the instances router tests. */

const createCaller = createCallerFactory(createTRPCRouter({ instances: instancesRouter }));

export function instancesApi(services: ApiServices, user: User, signal?: AbortSignal) {
  return createCaller(contextFor(services, sessionCaller(user)), { signal }).instances;
}

export function instancesApiKey(services: ApiServices, user: User, actions: string[]) {
  return createCaller(contextFor(services, apiKeyCaller(user, { instances: actions }))).instances;
}

export interface DeploymentSpec {
  status: DeploymentStatus;
  kind?: DeploymentKind;
  /** Railway knows it (has a railway_deployment_id); default: it got past QUEUED. */
  onRailway?: boolean;
}

export interface SeedOptions {
  user?: User;
  status: InstanceStatus;
  /** The clone saga finished (provisioned_at set); default true. */
  provisioned?: boolean;
  /** Railway ids recorded; default true. */
  onRailway?: boolean;
  /** Oldest first; the last one becomes current, the newest SUCCEEDED last good. */
  deployments?: DeploymentSpec[];
  /** created_at of the instance (list ordering). */
  createdAt?: Date;
}

export interface Seeded {
  user: User;
  instance: Instance;
  deployments: Deployment[];
}

/** An instance of `user` (a new one by default) with its deployment history. */
export async function seedInstance(db: Db, options: SeedOptions): Promise<Seeded> {
  const user = options.user ?? (await insertUser(db));
  const subscription = await insertSubscription(db, user.id, { status: 'ACTIVE' });
  const inserted = await insertInstance(db, subscription, { status: options.status });
  const start = Date.now() - 3_600_000;
  const deployments: Deployment[] = [];
  for (const [index, spec] of (options.deployments ?? []).entries()) {
    const onRailway = spec.onRailway ?? spec.status !== 'QUEUED';
    deployments.push(
      await db
        .insertInto('deployments')
        .values({
          instance_id: inserted.id,
          kind: spec.kind ?? (index === 0 ? 'CLONE' : 'REDEPLOY'),
          status: spec.status,
          railway_deployment_id: onRailway ? `rw-${randomUUID()}` : null,
          created_at: new Date(start + index * 1000),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  const onRailway = options.onRailway ?? true;
  const instance = await db
    .updateTable('instances')
    .set({
      railway_project_id: onRailway ? `prj-${inserted.id}` : null,
      railway_service_id: onRailway ? `svc-${inserted.id}` : null,
      provisioned_at: (options.provisioned ?? true) ? new Date() : null,
      current_deployment_id: deployments.at(-1)?.id ?? null,
      last_good_deployment_id: deployments.findLast((d) => d.status === 'SUCCEEDED')?.id ?? null,
      error_class: options.status === 'FAILED' ? 'NETWORK' : null,
      error_message: options.status === 'FAILED' ? 'it broke' : null,
    })
    .where('id', '=', inserted.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (options.createdAt) {
    await sql`update instances set created_at = ${options.createdAt} where id = ${instance.id}`.execute(
      db,
    );
  }
  return { user, instance, deployments };
}

/** Appends log lines `from`..`from + count - 1` to a deployment. */
export async function appendLogs(db: DbOrTrx, deploymentId: string, from: number, count: number) {
  if (count === 0) return;
  await db
    .insertInto('deployment_logs')
    .values(
      Array.from({ length: count }, (_, i) => ({
        deployment_id: deploymentId,
        seq: from + i,
        ts: new Date(Date.now() + i),
        stream: 'build' as const,
        message: `line ${from + i}`,
      })),
    )
    .execute();
}

export interface Job {
  task: string;
  key: string | null;
  payload: Record<string, unknown>;
}

export async function jobs(db: Db): Promise<Job[]> {
  const { rows } = await sql<Job>`
    select j.task_identifier as task, j.key, p.payload
    from graphile_worker.jobs j join graphile_worker._private_jobs p using (id)
    order by j.id
  `.execute(db);
  return rows;
}

export async function clearJobs(db: Db): Promise<void> {
  await sql`delete from graphile_worker._private_jobs`.execute(db);
}

/** Everything an action could change about an instance, to assert that nothing did. */
export async function stateOf(db: Db, instanceId: string) {
  const [instance, deployments, audit, jobCount] = await Promise.all([
    db.selectFrom('instances').selectAll().where('id', '=', instanceId).executeTakeFirstOrThrow(),
    db
      .selectFrom('deployments')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('audit_log').selectAll().where('target_id', '=', instanceId).execute(),
    sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs`.execute(db),
  ]);
  return { instance, deployments, audit, jobs: jobCount.rows[0]?.n };
}
