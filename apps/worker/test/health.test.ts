import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@roundhouse/db';
import { createTestDatabase, insertUser, type TestDatabase } from '@roundhouse/db/testing';
import type { Outcome } from '@roundhouse/railway-sdk/simulator';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDbAndSim } from './support/use-test-db';
import type { TaskContext } from '../src/define-task';
import type { WorkerDeps } from '../src/deps';
import { checkFleetHealth } from '../src/health/fleet-check';
import { checkInstanceHealthTask } from '../src/tasks/check-instance-health.task';
import { createTestDeps } from './support/worker-harness';
import { deployInstance, insertAdmin, instanceRow, notificationsOf } from './monitor-setup';

const { testDb, sim } = useTestDbAndSim();
let deps: WorkerDeps;
let adminId: string;
/** A stand-in app whose health answer the test decides. */
let app: { server: Server; url: string; status: number; hits: number };

beforeAll(async () => {
  deps = createTestDeps({
    db: testDb().db,
    sim: sim(),
    overrides: { config: { monitor: { alertThreshold: 3, healthTimeoutMs: 1_000 } } },
  });
  adminId = (await insertAdmin(deps.db)).id;
  app = await startApp();
});
afterAll(async () => {
  await new Promise((resolve) => app?.server.close(resolve));
});

async function startApp() {
  const state = { status: 200, hits: 0 };
  const server = createServer((_req, res) => {
    state.hits++;
    res.writeHead(state.status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { server, url: `http://127.0.0.1:${port}` });
}

/** An instance RUNNING on a simulator deployment that reached SUCCESS (its fate: `outcome`). */
async function runningInstance(outcome?: Outcome) {
  const deployed = await deployInstance(deps, sim(), outcome ? { outcome } : {});
  sim().clock.advance(70_000);
  await deps.db
    .updateTable('deployments')
    .set({ status: 'SUCCEEDED', progress: 100 })
    .where('id', '=', deployed.deployment.id)
    .execute();
  await deps.db
    .updateTable('instances')
    .set({ status: 'RUNNING', last_good_deployment_id: deployed.deployment.id })
    .where('id', '=', deployed.instance.id)
    .execute();
  return deployed;
}

/** One cron run, a minute after the previous one. */
async function nextRun() {
  sim().clock.advance(60_000);
  return checkFleetHealth(deps);
}

describe('check_instance_health', () => {
  it('checks running instances over HTTP and asks Railway nothing while they are healthy', async () => {
    const a = await runningInstance();
    const b = await runningInstance();
    const before = sim().counters.snapshot();
    const summary = await nextRun();
    const after = sim().counters.snapshot();
    expect(summary).toMatchObject({ checked: 2, failed: 0, alerted: 0 });
    expect(after.requests).toBe(before.requests);
    expect(after.domainRequests - before.domainRequests).toBe(2);
    for (const { instance } of [a, b]) {
      const row = await instanceRow(deps.db, instance.id);
      expect(row.last_health).toMatchObject({ ok: true, status: 200, path: '/healthz' });
      expect(row.last_health_at?.getTime()).toBe(deps.now().getTime());
    }
    // Checked a moment ago: not due again yet.
    expect((await checkFleetHealth(deps)).checked).toBe(0);
  });

  it('marks an instance that stops answering DEGRADED after the threshold, alerting once', async () => {
    const { instance, user } = await runningInstance({ result: 'success', unhealthy: true });
    const railwayBefore = sim().counters.requests;
    for (let run = 1; run <= 2; run++) {
      await nextRun();
      expect(await instanceRow(deps.db, instance.id)).toMatchObject({
        status: 'RUNNING',
        health_failures: run,
      });
    }
    expect(await notificationsOf(deps.db, user.id)).toEqual([]);
    expect(sim().counters.requests).toBe(railwayBefore);

    expect((await nextRun()).alerted).toBe(1);
    // Asked Railway once, in one request: the app runs (SUCCESS) but does not answer.
    expect(sim().counters.requests).toBe(railwayBefore + 1);
    const degraded = await instanceRow(deps.db, instance.id);
    expect(degraded).toMatchObject({ status: 'DEGRADED', health_failures: 3 });
    expect(degraded.last_health).toMatchObject({
      ok: false,
      status: 503,
      classification: 'unreachable',
      railwayStatus: 'SUCCESS',
    });
    expect(degraded.status_reason).toContain('does not answer its health check');

    await nextRun();
    await nextRun();
    expect((await instanceRow(deps.db, instance.id)).health_failures).toBe(5);
    expect((await notificationsOf(deps.db, user.id)).map((n) => n.type)).toEqual([
      'instance.degraded',
    ]);
    const adminAlerts = await notificationsOf(deps.db, adminId);
    expect(adminAlerts.filter((n) => n.data.instanceId === instance.id)).toHaveLength(1);
  });

  it('marks a crashed instance FAILED', async () => {
    const { instance, user } = await runningInstance({
      result: 'crash',
      phaseMs: { crashAfter: 5_000 },
    });
    for (let run = 0; run < 3; run++) await nextRun();
    const failed = await instanceRow(deps.db, instance.id);
    expect(failed).toMatchObject({ status: 'FAILED', error_class: 'RESOURCE' });
    expect(failed.last_health).toMatchObject({ classification: 'crashed' });
    expect((await notificationsOf(deps.db, user.id)).map((n) => n.type)).toEqual([
      'instance.failed',
    ]);
  });

  it('brings a DEGRADED instance that answers again back to RUNNING and says so', async () => {
    const { instance, user } = await runningInstance();
    await deps.db
      .updateTable('instances')
      .set({ public_url: app.url })
      .where('id', '=', instance.id)
      .execute();
    app.status = 503;
    for (let run = 0; run < 3; run++) await nextRun();
    expect((await instanceRow(deps.db, instance.id)).status).toBe('DEGRADED');

    app.status = 200;
    expect((await nextRun()).recovered).toBe(1);
    expect(await instanceRow(deps.db, instance.id)).toMatchObject({
      status: 'RUNNING',
      health_failures: 0,
      status_reason: null,
      error_class: null,
    });
    expect((await notificationsOf(deps.db, user.id)).map((n) => n.type)).toEqual([
      'instance.degraded',
      'instance.recovered',
    ]);
  });

  it('checks the given instances at once when asked, whenever they were last checked', async () => {
    const { instance } = await runningInstance();
    await nextRun();
    const hits = sim().counters.domainRequests;
    const ctx = { ...deps, helpers: {} as never, attempt: 1, isLastAttempt: true } as TaskContext;
    await checkInstanceHealthTask.run({ instanceIds: [instance.id] }, ctx);
    expect(sim().counters.domainRequests).toBe(hits + 1);
  });
});

describe('check_instance_health at fleet scale', () => {
  let bulkDb: TestDatabase;
  beforeAll(async () => {
    bulkDb = await createTestDatabase();
  });
  afterAll(async () => {
    await bulkDb?.destroy();
  });

  it('checks 10,000 running instances in one run', async () => {
    await insertRunningFleet(bulkDb.db, 10_000, app.url);
    // How fast is bench:monitor's question; here a loaded machine must not turn slow answers
    // into failures, so the health timeout is generous.
    const fleetDeps = {
      ...deps,
      db: bulkDb.db,
      now: () => new Date(),
      config: { ...deps.config, monitor: { ...deps.config.monitor, healthTimeoutMs: 30_000 } },
    };
    app.status = 200;
    const hitsBefore = app.hits;
    const summary = await checkFleetHealth(fleetDeps);
    expect(summary).toMatchObject({ checked: 10_000, failed: 0 });
    expect(app.hits - hitsBefore).toBe(10_000);
    const { unchecked } = await bulkDb.db
      .selectFrom('instances')
      .select((eb) => eb.fn.countAll<number>().as('unchecked'))
      .where('last_health_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(unchecked).toBe(0);
  });
});

async function insertRunningFleet(db: Db, count: number, url: string): Promise<void> {
  const user = await insertUser(db);
  await sql`
    with subs as (
      insert into subscriptions (user_id, plan, plan_version, source, status)
      select ${user.id}, 'BASIC', 1, 'PAID', 'ACTIVE' from generate_series(1, ${count})
      returning id
    )
    insert into instances (subscription_id, user_id, template_project_id, name, status, public_url)
    select id, ${user.id}, 'template', 'fleet-' || id, 'RUNNING', ${url} from subs
  `.execute(db);
}
