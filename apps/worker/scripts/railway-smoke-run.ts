import { randomUUID } from 'node:crypto';
import { INFLIGHT_DEPLOYMENT_STATUSES } from '@roundhouse/core';
import { fingerprint, sealer } from '@roundhouse/crypto';
import { grantWithCredentials } from '@roundhouse/db/repositories/grant-with-credentials';
import { findDeployment, findInstance } from '@roundhouse/db/repositories/worker-instances';
import type { WorkerDeps } from '../src/deps';
import { directContext, runDirectly } from '../src/saga/direct-run';
import { cloneInstanceTask } from '../src/tasks/clone-instance.task';
import { deleteInstanceTask } from '../src/tasks/delete-instance.task';
import { monitorDeploymentsTask } from '../src/tasks/monitor-deployments.task';

/**
 * One railway:smoke run (see railway-smoke.ts): a placeholder customer's instance cloned by the
 * worker's clone task, watched by its monitor task until a verdict, deleted by its delete task
 * whatever happened, and a report of what Railway held and how long each part took.
 */
export interface SmokeOptions {
  /** The worker's deps; `config.railway` names the workspace and the template. */
  deps: WorkerDeps;
  verdictTimeoutMs?: number;
  pollMs?: number;
  /** Wait before attempt n + 1 of a failed task (graphile-worker's role). */
  backoffMs?: (attempt: number) => number;
}

export interface SmokeReport {
  ok: boolean;
  instanceId: string;
  projectName: string;
  projectId: string | null;
  services: Record<string, unknown>;
  publicUrl: string | null;
  railwayDeploymentId: string | null;
  /** The deployment's final status (SUCCEEDED, FAILED, …), or null when the clone never got one. */
  deploymentStatus: string | null;
  instanceStatus: string;
  error: { class: string | null; message: string | null };
  timedOut: boolean;
  projectDeleted: boolean;
  timingsMs: { clone: number; verdict: number; delete: number; total: number };
  railwayRequests: { total: number; byOperation: Record<string, number> };
}

const SMOKE_MODEL_KEY = 'sk-roundhouse-smoke-placeholder-key';

export async function runRailwaySmoke(options: SmokeOptions): Promise<SmokeReport> {
  const { deps } = options;
  const retry = {
    maxAttempts: deps.config.maxDeploymentAttempts,
    backoffMs: options.backoffMs ?? ((attempt: number) => Math.min(30_000, 1_000 * 2 ** attempt)),
  };
  const requestsBefore = deps.railway.snapshot();
  const started = performance.now();
  const instanceId = await seedPlaceholderCustomer(deps);
  const timings = { clone: 0, verdict: 0, delete: 0, total: 0 };
  let verdict: Awaited<ReturnType<typeof awaitVerdict>> | undefined;
  try {
    await runDirectly(cloneInstanceTask, { instanceId }, deps, retry);
    timings.clone = performance.now() - started;
    verdict = await awaitVerdict(deps, instanceId, {
      timeoutMs: options.verdictTimeoutMs ?? 15 * 60_000,
      pollMs: options.pollMs ?? 5_000,
    });
    timings.verdict = performance.now() - started - timings.clone;
  } finally {
    const deleting = performance.now();
    await runDirectly(deleteInstanceTask, { instanceId }, deps, retry);
    timings.delete = performance.now() - deleting;
  }
  const instance = verdict.instance;
  const leftover = await deps.railway.findProjectByName(
    instance.name,
    deps.config.railway.workspaceId,
  );
  timings.total = performance.now() - started;
  const deploymentStatus = verdict.deployment?.status ?? null;
  return {
    ok: instance.status === 'RUNNING' && leftover === null,
    instanceId,
    projectName: instance.name,
    projectId: instance.railway_project_id,
    services: instance.railway_services,
    publicUrl: instance.public_url,
    railwayDeploymentId: verdict.deployment?.railway_deployment_id ?? null,
    deploymentStatus,
    instanceStatus: instance.status,
    error: {
      class: verdict.deployment?.error_class ?? instance.error_class,
      message: verdict.deployment?.error_message ?? instance.error_message,
    },
    timedOut: verdict.timedOut,
    projectDeleted: leftover === null,
    timingsMs: mapValues(timings, Math.round),
    railwayRequests: requestsSince(requestsBefore, deps.railway.snapshot()),
  };
}

/** A user with a trial of the template (the real grant path) and a dummy model key. */
async function seedPlaceholderCustomer(deps: WorkerDeps): Promise<string> {
  const { keyring, config } = deps;
  return deps.db.transaction().execute(async (trx) => {
    const userId = randomUUID();
    await trx
      .insertInto('user')
      .values({ id: userId, name: 'railway:smoke', email: `smoke-${userId}@roundhouse.invalid` })
      .execute();
    const plaintext = JSON.stringify({ apiKey: SMOKE_MODEL_KEY });
    const { instance } = await grantWithCredentials(trx, {
      userId,
      plan: 'BASIC',
      source: 'TRIAL',
      periodEnd: new Date(Date.now() + 86_400_000),
      template: {
        projectId: config.railway.templateProjectId,
        serviceId: config.railway.templateServiceId ?? null,
      },
      credentials: [
        {
          channel: 'OPENAI',
          seal: sealer(keyring, 'channel_credentials', 'ciphertext', plaintext),
          last4: SMOKE_MODEL_KEY.slice(-4),
          fingerprint: fingerprint(plaintext),
        },
      ],
    });
    return instance.id;
  });
}

/** Polls with the worker's own monitor until the clone's deployment is no longer in flight. */
async function awaitVerdict(
  deps: WorkerDeps,
  instanceId: string,
  { timeoutMs, pollMs }: { timeoutMs: number; pollMs: number },
) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    await monitorDeploymentsTask.run({}, directContext(deps));
    const instance = (await findInstance(deps.db, instanceId))!;
    const deployment = instance.current_deployment_id
      ? await findDeployment(deps.db, instance.current_deployment_id)
      : undefined;
    const inflight =
      deployment !== undefined &&
      (INFLIGHT_DEPLOYMENT_STATUSES as readonly string[]).includes(deployment.status);
    if (!inflight || performance.now() >= deadline) {
      return { instance, deployment, timedOut: inflight };
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function requestsSince(
  before: ReturnType<WorkerDeps['railway']['snapshot']>,
  after: ReturnType<WorkerDeps['railway']['snapshot']>,
): SmokeReport['railwayRequests'] {
  const byOperation: Record<string, number> = {};
  for (const [operation, counters] of Object.entries(after.byOperation)) {
    const count = counters.requests - (before.byOperation[operation]?.requests ?? 0);
    if (count > 0) byOperation[operation] = count;
  }
  return { total: after.requests - before.requests, byOperation };
}

function mapValues<T extends Record<string, number>>(values: T, fn: (value: number) => number): T {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fn(v)])) as T;
}
