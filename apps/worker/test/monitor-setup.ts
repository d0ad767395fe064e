import { randomBytes, randomUUID } from 'node:crypto';
import type { DeploymentKind } from '@roundhouse/core';
import { encrypt } from '@roundhouse/crypto';
import type { Db, Deployment, Instance, User } from '@roundhouse/db';
import { insertInstance, insertSubscription, insertUser } from '@roundhouse/db/testing';
import type { Outcome, Simulator } from '@roundhouse/railway-sdk/simulator';
import type { WorkerDeps } from '../src/deps';

/**
 * Fixtures of the monitor, health and reaper tests: instances whose Railway project, service,
 * domain and deployment really exist in the simulator (made through the Railway client, as the
 * clone saga would), with encrypted channel credentials the worker must redact.
 */

const alnum = (n: number) =>
  randomBytes(n * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, n);

export interface Credentials {
  openaiKey: string;
  /** A Feishu app secret: no token shape gives it away, only its value can be redacted. */
  feishuSecret: string;
}

export interface DeployedInstance {
  user: User;
  instance: Instance;
  deployment: Deployment;
  serviceId: string;
  environmentId: string;
  credentials: Credentials;
}

export async function insertAdmin(db: Db): Promise<User> {
  const admin = await insertUser(db);
  await db.updateTable('user').set({ role: 'admin' }).where('id', '=', admin.id).execute();
  return admin;
}

/**
 * A user, an ACTIVE subscription with OpenAI + Feishu credentials, an instance DEPLOYING its
 * CLONE deployment: a simulator service whose variables carry the Feishu secret under a *_KEY
 * name (the simulator's app prints it at start-up), with a public domain.
 */
export async function deployInstance(
  deps: WorkerDeps,
  sim: Simulator,
  options: { outcome?: Outcome } = {},
): Promise<DeployedInstance> {
  const { db, railway } = deps;
  const user = await insertUser(db);
  const subscription = await insertSubscription(db, user.id, { status: 'ACTIVE' });
  const credentials: Credentials = {
    openaiKey: `sk-${alnum(32)}`,
    feishuSecret: alnum(32),
  };
  await insertCredential(deps, subscription.id, 'OPENAI', { apiKey: credentials.openaiKey });
  await insertCredential(deps, subscription.id, 'FEISHU', {
    appId: `cli_${randomBytes(8).toString('hex')}`,
    appSecret: credentials.feishuSecret,
  });
  const created = await insertInstance(db, subscription);
  if (options.outcome) sim.outcomes.set({ projectName: created.name }, options.outcome);

  const project = await railway.createProject({
    name: created.name,
    workspaceId: deps.config.railway.workspaceId,
  });
  const environmentId = project.environments[0]!.id;
  const service = await railway.createService({
    projectId: project.id,
    environmentId,
    name: 'openclaw',
    source: { image: 'ghcr.io/openclaw/openclaw:latest' },
    variables: { PORT: '8080', CHAT_APP_KEY: credentials.feishuSecret },
  });
  const domain = await railway.createServiceDomain({ serviceId: service.id, environmentId });
  const [started] = await railway.listDeployments(service.id, environmentId, 1);
  const now = deps.now();
  const instance = await db
    .updateTable('instances')
    .set({
      status: 'DEPLOYING',
      template_project_id: sim.templates!.single.projectId,
      railway_project_id: project.id,
      railway_environment_id: environmentId,
      railway_service_id: service.id,
      domain: domain.domain,
      public_url: railway.publicUrlFor(domain.domain),
      provisioned_at: now,
    })
    .where('id', '=', created.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const deployment = await recordDeployment(deps, instance, started!.id, 'CLONE');
  return {
    user,
    instance: { ...instance, current_deployment_id: deployment.id },
    deployment,
    serviceId: service.id,
    environmentId,
    credentials,
  };
}

/** A deployments row (QUEUED) for a Railway deployment, made the instance's current one. */
export async function recordDeployment(
  deps: WorkerDeps,
  instance: Instance,
  railwayDeploymentId: string,
  kind: DeploymentKind,
): Promise<Deployment> {
  const now = deps.now();
  const deployment = await deps.db
    .insertInto('deployments')
    .values({
      instance_id: instance.id,
      kind,
      railway_deployment_id: railwayDeploymentId,
      railway_service_id: instance.railway_service_id,
      queued_at: now,
      heartbeat_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await deps.db
    .updateTable('instances')
    .set({ status: 'DEPLOYING', current_deployment_id: deployment.id })
    .where('id', '=', instance.id)
    .execute();
  return deployment;
}

async function insertCredential(
  deps: WorkerDeps,
  subscriptionId: string,
  channel: string,
  values: Record<string, string>,
): Promise<void> {
  const id = randomUUID();
  const ciphertext = encrypt(deps.keyring, JSON.stringify(values), {
    table: 'channel_credentials',
    rowId: id,
    field: 'ciphertext',
  });
  await deps.db
    .insertInto('channel_credentials')
    .values({ id, subscription_id: subscriptionId, channel, ciphertext, key_version: 'k1' })
    .execute();
}

export async function deploymentRow(db: Db, id: string): Promise<Deployment> {
  return db.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function instanceRow(db: Db, id: string): Promise<Instance> {
  return db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function notificationsOf(db: Db, userId: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}
