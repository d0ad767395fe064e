import { getPlan, jobKeys } from '@roundhouse/core';
import { enqueue } from '@roundhouse/db';
import type { RailwayClient } from '@roundhouse/railway-sdk';
import type { RequestLogEntry } from '@roundhouse/railway-sdk/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cloneInstanceTask } from '../src/tasks/clone-instance.task';
import {
  deploymentsOf,
  getInstance,
  insertAdmin,
  notificationsOf,
  OPENAI_KEY,
  type SagaEnv,
  seedInstance,
  startSagaEnv,
  storedText,
  TELEGRAM_TOKEN,
} from './saga-setup';
import { directContext } from '../src/saga/direct-run';
import { startWorkerHarness } from './support/worker-harness';

let env: SagaEnv;
let adminId: string;

beforeAll(async () => {
  env = await startSagaEnv();
  adminId = await insertAdmin(env.db);
});
afterAll(() => env.close());
afterEach(() => env.sim.faults.clear());

async function clone(
  instanceId: string,
  options: { attempt?: number; railway?: RailwayClient } = {},
) {
  const deps = options.railway ? { ...env.deps, railway: options.railway } : env.deps;
  await cloneInstanceTask.run(
    { instanceId },
    directContext(deps, { attempt: options.attempt ?? 1 }),
  );
  return getInstance(env.db, instanceId);
}

const projectsNamed = (name: string) => env.sim.state.projects().filter((p) => p.name === name);

/** The most requests of `log` that ran one after another (the longest chain of non-overlapping ones). */
function sequentialRoundTrips(log: RequestLogEntry[]): number {
  let chain = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const entry of [...log].sort((a, b) => a.at + a.durationMs - (b.at + b.durationMs))) {
    if (entry.at >= lastEnd) {
      chain++;
      lastEnd = entry.at + entry.durationMs;
    }
  }
  return chain;
}

describe('clone_instance', () => {
  it('clones the single-service template with decrypted credentials, plan limits and the template variables, and hands one deployment to monitoring', async () => {
    const seeded = await seedInstance(env, { plan: 'PRO' });
    const instance = await clone(seeded.id);

    const [project, ...others] = projectsNamed(seeded.name);
    expect(others).toHaveLength(0);
    const environmentId = project!.environments[0]!.id;
    expect(instance).toMatchObject({
      status: 'DEPLOYING',
      railway_project_id: project!.id,
      railway_environment_id: environmentId,
    });
    const services = env.sim.state.services(project!.id);
    expect(services).toEqual([
      expect.objectContaining({
        id: instance.railway_service_id,
        name: 'openclaw',
        source: { image: 'ghcr.io/openclaw/openclaw:latest', repo: null },
      }),
    ]);
    const serviceId = instance.railway_service_id!;
    const plan = getPlan('PRO');
    expect(env.sim.state.variables(environmentId, serviceId)).toMatchObject({
      OPENAI_API_KEY: OPENAI_KEY,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      ENABLED_CHANNELS: 'telegram',
      PLAN_ID: 'PRO',
      PLAN_MAX_CHANNELS: String(plan.limits.maxChannels),
      PLAN_MEMORY_MB: String(plan.limits.memoryMb),
      ROUNDHOUSE_INSTANCE_ID: seeded.id,
      OPENCLAW_STATE_DIR: '/data/.openclaw',
      PUBLIC_URL: 'https://${{RAILWAY_PUBLIC_DOMAIN}}',
    });
    const [domain] = env.sim.state.domains().filter((d) => d.projectId === project!.id);
    expect(domain).toMatchObject({ serviceId, domain: instance.domain });
    expect(instance.public_url).toBe(env.sim.publicUrl(instance.domain!));
    expect(env.sim.state.variables(environmentId, serviceId, { rendered: true }).PUBLIC_URL).toBe(
      `https://${instance.domain}`,
    );

    // serviceCreate with a source started the one deployment; nothing triggered a second.
    const onRailway = env.sim.state.deployments(serviceId);
    expect(onRailway).toHaveLength(1);
    const rows = await deploymentsOf(env.db, seeded.id);
    expect(rows).toEqual([
      expect.objectContaining({
        id: instance.current_deployment_id,
        kind: 'CLONE',
        status: 'QUEUED',
        railway_deployment_id: onRailway[0]!.id,
        railway_service_id: serviceId,
      }),
    ]);
    expect(instance.checkpoint).toMatchObject({
      template: { publicService: 'openclaw', healthcheckPath: '/healthz' },
      configured: { openclaw: true },
      services: { openclaw: { id: serviceId } },
    });
  });

  it('clones the two-service trading template as a whole; the API finds the chart service through its reference variable', async () => {
    const seeded = await seedInstance(env, { template: 'trading' });
    const instance = await clone(seeded.id);
    const [project] = projectsNamed(seeded.name);
    const environmentId = instance.railway_environment_id!;
    const byName = Object.fromEntries(
      env.sim.state.services(project!.id).map((service) => [service.name, service]),
    );
    expect(Object.keys(byName).sort()).toEqual(['chart', 'core-api']);
    expect(instance.railway_service_id).toBe(byName['core-api']!.id);
    expect(instance.railway_services).toEqual({
      chart: { id: byName.chart!.id },
      'core-api': { id: byName['core-api']!.id },
    });

    const api = env.sim.state.variables(environmentId, byName['core-api']!.id);
    // The customer's key replaces the template's own OPENAI_API_KEY on the public service.
    expect(api).toMatchObject({
      OPENAI_API_KEY: OPENAI_KEY,
      CHART_SERVICE_URL: 'https://${{chart.RAILWAY_PUBLIC_DOMAIN}}',
      SERVICE_NAME: 'core-api',
      PLAN_ID: 'PRO',
    });
    const chart = env.sim.state.variables(environmentId, byName.chart!.id);
    expect(chart).toMatchObject({ SERVICE_NAME: 'chart-service', PORT: '8000' });
    expect(chart.ROUNDHOUSE_INSTANCE_ID).toBeUndefined();

    const chartDomain = env.sim.state.domains().find((d) => d.serviceId === byName.chart!.id);
    const rendered = env.sim.state.variables(environmentId, byName['core-api']!.id, {
      rendered: true,
    });
    expect(rendered.CHART_SERVICE_URL).toBe(`https://${chartDomain!.domain}`);
    // Each repo service built once, and that first build already used its template Dockerfile.
    for (const [name, dockerfile] of [
      ['chart', 'Dockerfile.chart'],
      ['core-api', 'Dockerfile.core'],
    ] as const) {
      const [only, ...more] = env.sim.state.deployments(byName[name]!.id);
      expect(more).toHaveLength(0);
      const { meta } = await env.deps.railway.getDeployment(only!.id);
      expect(meta).toMatchObject({ serviceManifest: { build: { dockerfilePath: dockerfile } } });
    }
    expect(await deploymentsOf(env.db, seeded.id)).toEqual([
      expect.objectContaining({ kind: 'CLONE', railway_service_id: byName['core-api']!.id }),
    ]);
  });

  it('clones only RAILWAY_TEMPLATE_SERVICE_ID when the instance names one', async () => {
    const chartId = env.sim.templates!.trading.serviceIds.chart!;
    const seeded = await seedInstance(env, { template: 'trading', templateServiceId: chartId });
    const instance = await clone(seeded.id);
    const services = env.sim.state.services(instance.railway_project_id!);
    expect(services.map((service) => service.name)).toEqual(['chart']);
    expect(instance.railway_service_id).toBe(services[0]!.id);
  });

  it('the same clone run twice, even at the same time, makes one project', async () => {
    const seeded = await seedInstance(env);
    await Promise.all([clone(seeded.id), clone(seeded.id)]);
    const late = await clone(seeded.id);
    expect(projectsNamed(seeded.name)).toHaveLength(1);
    expect(env.sim.state.services(late.railway_project_id!)).toHaveLength(1);
    expect(env.sim.state.deployments(late.railway_service_id!)).toHaveLength(1);
    expect(await deploymentsOf(env.db, seeded.id)).toHaveLength(1);
  });

  it('adopts the project of a projectCreate whose response was lost instead of creating another', async () => {
    const seeded = await seedInstance(env);
    env.sim.faults.inject({ kind: 'applied-response-lost', operation: 'projectCreate', count: 1 });
    env.sim.counters.reset();
    const instance = await clone(seeded.id);
    const projects = projectsNamed(seeded.name);
    expect(projects).toHaveLength(1);
    expect(env.sim.counters.faultsByKind['applied-response-lost']).toBe(1);
    expect(env.sim.counters.byOperation.projectCreate).toBe(1);
    expect(instance).toMatchObject({ status: 'DEPLOYING', railway_project_id: projects[0]!.id });
  });

  it('resends the template settings whose outcome was lost instead of failing the run', async () => {
    const seeded = await seedInstance(env);
    env.sim.faults.inject({ kind: '5xx', operation: 'serviceInstanceUpdate', count: 1 });
    env.sim.faults.inject({
      kind: 'applied-response-lost',
      operation: 'serviceInstanceUpdate',
      count: 1,
    });
    env.sim.counters.reset();
    const instance = await clone(seeded.id, { attempt: 1 });
    expect(instance.status).toBe('DEPLOYING');
    expect(env.sim.counters.faults).toBe(2);
    expect(env.sim.counters.byOperation.serviceInstanceUpdate).toBe(3);
    expect(env.sim.counters.byOperation.projectCreate).toBe(1);
    expect(projectsNamed(seeded.name)).toHaveLength(1);
  });

  it('a run that fails after creating the project resumes from its checkpoint on the next attempt', async () => {
    const seeded = await seedInstance(env);
    env.sim.faults.inject({ kind: '5xx', operation: 'serviceCreate', count: 2 });
    env.sim.counters.reset();
    await expect(clone(seeded.id, { attempt: 1 })).rejects.toMatchObject({ errorClass: 'NETWORK' });
    const interrupted = await getInstance(env.db, seeded.id);
    expect(interrupted).toMatchObject({ status: 'PROVISIONING' });
    expect(interrupted.checkpoint).toMatchObject({
      project: { id: interrupted.railway_project_id },
    });

    const instance = await clone(seeded.id, { attempt: 2 });
    expect(instance.status).toBe('DEPLOYING');
    expect(env.sim.counters.byOperation.projectCreate).toBe(1);
    expect(projectsNamed(seeded.name)).toHaveLength(1);
    expect(env.sim.state.services(instance.railway_project_id!)).toHaveLength(1);
  });

  it('a worker killed between a Railway answer and its checkpoint adopts the service on its next run', async () => {
    const seeded = await seedInstance(env);
    // The service exists on Railway, but the process died before recording it.
    const dying = new Proxy(env.deps.railway, {
      get(target, property, receiver) {
        if (property !== 'createService') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<RailwayClient['createService']>) => {
          await target.createService(...args);
          throw new Error('worker killed');
        };
      },
    });
    env.sim.counters.reset();
    await expect(clone(seeded.id, { railway: dying })).rejects.toThrow('worker killed');

    const instance = await clone(seeded.id, { attempt: 2 });
    expect(instance.status).toBe('DEPLOYING');
    expect(env.sim.counters.byOperation.serviceCreate).toBe(1);
    expect(env.sim.state.services(instance.railway_project_id!)).toHaveLength(1);
    expect(env.sim.state.deployments(instance.railway_service_id!)).toHaveLength(1);
  });

  it('past its attempts, deletes the project it created and marks the instance FAILED with the error class', async () => {
    const seeded = await seedInstance(env);
    env.sim.faults.inject({ kind: '5xx', operation: 'serviceDomainCreate' });
    await expect(clone(seeded.id, { attempt: 1 })).rejects.toMatchObject({ errorClass: 'NETWORK' });
    expect(projectsNamed(seeded.name)).toHaveLength(1);

    const failed = await clone(seeded.id, { attempt: env.deps.config.maxDeploymentAttempts });
    expect(projectsNamed(seeded.name)).toHaveLength(0);
    expect(failed).toMatchObject({
      status: 'FAILED',
      error_class: 'NETWORK',
      railway_project_id: null,
      railway_service_id: null,
    });
    expect(failed.error_message).toContain('create the public domain');
    expect(failed.error_message).toContain(`Deleted its Railway project ${seeded.name}`);
    expect(failed.error_message).toContain('retry once Railway is healthy');

    const [toUser] = await notificationsOf(env.db, seeded.user_id);
    expect(toUser).toMatchObject({ type: 'instance.failed', data: { instanceId: seeded.id } });
    const toAdmin = (await notificationsOf(env.db, adminId)).find(
      (n) => (n.data as { instanceId?: string }).instanceId === seeded.id,
    );
    expect(toAdmin).toMatchObject({ type: 'instance.failed', body: failed.error_message });
    const stored = await storedText(env.db);
    expect(stored).not.toContain(OPENAI_KEY);
    expect(stored).not.toContain(TELEGRAM_TOKEN);
  });

  it('gives up at once on an error no retry can fix, and still cleans up', async () => {
    const seeded = await seedInstance(env);
    env.sim.faults.inject({
      kind: 'graphql-error',
      operation: 'serviceCreate',
      message: 'Not Authorized',
    });
    const failed = await clone(seeded.id, { attempt: 1 });
    expect(failed).toMatchObject({ status: 'FAILED', error_class: 'AUTHENTICATION' });
    expect(failed.error_message).toContain('RAILWAY_API_TOKEN');
    expect(projectsNamed(seeded.name)).toHaveLength(0);
  });

  it('refuses an invalid credential before anything is created on Railway', async () => {
    const badToken = 'not-a-telegram-token-5f0c6a7e';
    const seeded = await seedInstance(env, {
      credentials: { TELEGRAM: { botToken: badToken }, OPENAI: { apiKey: OPENAI_KEY } },
    });
    env.sim.counters.reset();
    const failed = await clone(seeded.id);
    expect(env.sim.counters.requests).toBe(0);
    expect(failed).toMatchObject({ status: 'FAILED', error_class: 'CONFIGURATION' });
    const [toUser] = await notificationsOf(env.db, seeded.user_id);
    expect(toUser!.body).toContain('TELEGRAM.botToken');
    expect(toUser!.body).not.toContain(badToken);
    expect(await storedText(env.db)).not.toContain(badToken);
  });

  it('takes at most three sequential Railway round trips for a single-service clone once the template is cached', async () => {
    await clone((await seedInstance(env)).id);
    const seeded = await seedInstance(env);
    env.sim.faults.inject({ kind: 'latency', latencyMs: 25 });
    env.sim.counters.reset();
    const instance = await clone(seeded.id);
    expect(instance.status).toBe('DEPLOYING');
    const log = env.sim.requestLog;
    expect(log.flatMap((entry) => entry.operations).sort()).toEqual([
      'deployments',
      'projectCreate',
      'serviceCreate',
      'serviceDomainCreate',
      'serviceInstanceUpdate',
    ]);
    expect(sequentialRoundTrips(log)).toBe(3);
  });
});

describe('clone_instance through graphile-worker', () => {
  it('a clone enqueued twice creates one project', async () => {
    const seeded = await seedInstance(env);
    const harness = await startWorkerHarness({
      db: env.database,
      sim: env.sim,
      tasks: [cloneInstanceTask],
      overrides: { keyring: env.deps.keyring, railway: env.deps.railway },
    });
    try {
      const key = { jobKey: jobKeys.clone(seeded.id) };
      const first = await enqueue(env.db, 'clone_instance', { instanceId: seeded.id }, key);
      const second = await enqueue(env.db, 'clone_instance', { instanceId: seeded.id }, key);
      // One job when the key replaced the pending one; two when the first was already running.
      for (const id of new Set([first, second])) {
        expect((await harness.waitForJob(id)).status).toBe('succeeded');
      }
    } finally {
      await harness.stop();
    }
    expect(projectsNamed(seeded.name)).toHaveLength(1);
    expect((await getInstance(env.db, seeded.id)).status).toBe('DEPLOYING');
    expect(await deploymentsOf(env.db, seeded.id)).toHaveLength(1);
  });
});
