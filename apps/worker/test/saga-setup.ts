/**
 * Shared by the saga and lifecycle tests: a test database, the simulator, an instance with
 * encrypted credentials as the api would leave it, and the api's and the monitor's parts
 * (requesting an action, a deployment's verdict) done by hand.
 */
import { randomUUID } from 'node:crypto';
import type { DeploymentKind, PlanId } from '@roundhouse/core';
import { encrypt } from '@roundhouse/crypto';
import type { Db, Deployment, Instance } from '@roundhouse/db';
import { instanceProjectName } from '@roundhouse/db/repositories/provisioning';
import {
  createTestDatabase,
  insertSubscription,
  insertUser,
  type TestDatabase,
} from '@roundhouse/db/testing';
import {
  createSimulator,
  type Simulator,
  type SimulatorOptions,
} from '@roundhouse/railway-sdk/simulator';
import type { WorkerDeps } from '../src/deps';
import { createTestDeps, type DepsOverrides } from './support/worker-harness';

/** Credentials that pass core's validation; their secret values must never be stored. */
export const OPENAI_KEY = `sk-proj-${randomUUID().replaceAll('-', '')}`;
export const TELEGRAM_TOKEN = `123456789:AA${randomUUID().replaceAll('-', '')}`;
export const DEFAULT_CREDENTIALS: Record<string, Record<string, string>> = {
  OPENAI: { apiKey: OPENAI_KEY },
  TELEGRAM: { botToken: TELEGRAM_TOKEN, allowedUserIds: '12345678' },
};

export interface SagaEnv {
  database: TestDatabase;
  db: Db;
  sim: Simulator;
  deps: WorkerDeps;
  close(): Promise<void>;
}

export async function startSagaEnv(
  options: { sim?: SimulatorOptions; overrides?: DepsOverrides } = {},
): Promise<SagaEnv> {
  const [database, sim] = await Promise.all([
    createTestDatabase(),
    createSimulator({ clock: 'manual', ...options.sim }),
  ]);
  const deps = createTestDeps({
    db: database.db,
    sim,
    ...(options.overrides && { overrides: options.overrides }),
  });
  return {
    database,
    db: database.db,
    sim,
    deps,
    close: async () => {
      await Promise.all([sim.close(), database.destroy()]);
    },
  };
}

export interface SeedOptions {
  template?: 'single' | 'trading';
  templateServiceId?: string | null;
  plan?: PlanId;
  credentials?: Record<string, Record<string, string>>;
}

/** A paid customer with credentials and a PROVISIONING instance, as the payment flow leaves it. */
export async function seedInstance(env: SagaEnv, options: SeedOptions = {}): Promise<Instance> {
  const user = await insertUser(env.db);
  const subscription = await insertSubscription(env.db, user.id, {
    status: 'ACTIVE',
    plan: options.plan ?? 'PRO',
  });
  for (const [channel, values] of Object.entries(options.credentials ?? DEFAULT_CREDENTIALS)) {
    const id = randomUUID();
    await env.db
      .insertInto('channel_credentials')
      .values({
        id,
        subscription_id: subscription.id,
        channel,
        ciphertext: encrypt(env.deps.keyring, JSON.stringify(values), {
          table: 'channel_credentials',
          rowId: id,
          field: 'ciphertext',
        }),
        key_version: env.deps.keyring.primaryKeyId,
      })
      .execute();
  }
  const id = randomUUID();
  const template = env.sim.templates![options.template ?? 'single'];
  return env.db
    .insertInto('instances')
    .values({
      id,
      subscription_id: subscription.id,
      user_id: user.id,
      template_project_id: template.projectId,
      template_service_id: options.templateServiceId ?? null,
      name: instanceProjectName(id),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertAdmin(db: Db): Promise<string> {
  const admin = await insertUser(db);
  await db.updateTable('user').set({ role: 'admin' }).where('id', '=', admin.id).execute();
  return admin.id;
}

export function getInstance(db: Db, id: string): Promise<Instance> {
  return db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export function deploymentsOf(db: Db, instanceId: string): Promise<Deployment[]> {
  return db
    .selectFrom('deployments')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .orderBy('created_at')
    .execute();
}

export function notificationsOf(db: Db, userId: string) {
  return db.selectFrom('notifications').selectAll().where('user_id', '=', userId).execute();
}

/** The monitor's verdict on the current deployment: SUCCEEDED, the instance RUNNING on it. */
export async function markSucceeded(db: Db, instanceId: string): Promise<void> {
  const instance = await getInstance(db, instanceId);
  const deploymentId = instance.current_deployment_id!;
  await db
    .updateTable('deployments')
    .set({ status: 'SUCCEEDED', progress: 100, finished_at: new Date() })
    .where('id', '=', deploymentId)
    .execute();
  await db
    .updateTable('instances')
    .set({ status: 'RUNNING', last_good_deployment_id: deploymentId })
    .where('id', '=', instanceId)
    .execute();
}

/** What the api does for a lifecycle action: a QUEUED row, the instance DEPLOYING on it. */
export async function requestAction(
  db: Db,
  instanceId: string,
  kind: DeploymentKind,
): Promise<Deployment> {
  const deployment = await db
    .insertInto('deployments')
    .values({ instance_id: instanceId, kind, requested_by: 'test' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .updateTable('instances')
    .set({ status: 'DEPLOYING', current_deployment_id: deployment.id })
    .where('id', '=', instanceId)
    .execute();
  return deployment;
}

/** Every stored text a secret could leak into: instance errors, deployments, notifications. */
export async function storedText(db: Db): Promise<string> {
  const [instances, deployments, notifications] = await Promise.all([
    db.selectFrom('instances').select(['error_message', 'status_reason', 'checkpoint']).execute(),
    db.selectFrom('deployments').select(['error_message']).execute(),
    db.selectFrom('notifications').select(['title', 'body', 'data']).execute(),
  ]);
  return JSON.stringify([instances, deployments, notifications]);
}
