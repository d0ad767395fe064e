/** Deployments: reads, the lifecycle mutations, and the derived Deployment fields. */
import { readLogs, type LogKind, type LogWindow } from '../logs';
import {
  cancelDeployment,
  redeployDeployment,
  restartDeployment,
  rollbackDeployment,
  stopDeployment,
} from '../state/deployments';
import type { DeploymentStatus } from '../state/deployment-status';
import type { DeploymentRec, InstanceRec } from '../state/records';
import { connection, type ConnectionArgs } from './connection';
import {
  canSeeEnvironment,
  fail,
  requireDeployment,
  requireEnvironment,
  requireProject,
  requireService,
  type ResolverContext,
} from './context';
import { field, type ResolverMap } from './types';

interface DeploymentListArgs extends ConnectionArgs {
  input: {
    projectId?: string | null;
    environmentId?: string | null;
    serviceId?: string | null;
    status?: { in?: DeploymentStatus[] | null; notIn?: DeploymentStatus[] | null } | null;
  };
}

function instancesFor(ctx: ResolverContext, input: DeploymentListArgs['input']): InstanceRec[] {
  const { store } = ctx;
  let projectId = input.projectId ?? null;
  if (input.serviceId) projectId = requireService(ctx, input.serviceId).projectId;
  if (input.environmentId) projectId = requireEnvironment(ctx, input.environmentId).projectId;
  if (!projectId) fail('Provide a projectId, environmentId or serviceId');
  if (input.projectId && input.projectId !== projectId) return [];
  const project = requireProject(ctx, projectId);
  const serviceIds = input.serviceId ? [input.serviceId] : project.serviceIds;
  const environmentIds = input.environmentId ? [input.environmentId] : project.environmentIds;
  return serviceIds.flatMap((serviceId) =>
    environmentIds
      .filter((envId) => canSeeEnvironment(ctx, projectId, envId))
      .map((envId) => store.instance(serviceId, envId))
      .filter((i): i is InstanceRec => i !== undefined),
  );
}

function logsResolver(kind: LogKind) {
  return field<unknown, LogWindow & { deploymentId: string }>((_, args, ctx) =>
    readLogs(ctx.store, requireDeployment(ctx, args.deploymentId), kind, args, ctx.heartbeatMs),
  );
}

function lifecycle(action: (ctx: ResolverContext, d: DeploymentRec) => unknown) {
  return field<unknown, { id: string }>((_, { id }, ctx) =>
    action(ctx, requireDeployment(ctx, id)),
  );
}

export const deploymentResolvers: ResolverMap = {
  Query: {
    deployment: field<unknown, { id: string }>((_, { id }, ctx) => requireDeployment(ctx, id)),
    deployments: field<unknown, DeploymentListArgs>((_, args, ctx) => {
      const { in: only, notIn } = args.input.status ?? {};
      const all = instancesFor(ctx, args.input)
        .flatMap((i) => ctx.store.deploymentsOf(i))
        .filter((d) => {
          const status = ctx.store.status(d).status;
          return (!only || only.includes(status)) && !notIn?.includes(status);
        })
        .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
      return connection(all, args);
    }),
    buildLogs: logsResolver('build'),
    deploymentLogs: logsResolver('deploy'),
  },
  Mutation: {
    deploymentRedeploy: lifecycle((ctx, d) => redeployDeployment(ctx.store, d)),
    deploymentRollback: lifecycle((ctx, d) => Boolean(rollbackDeployment(ctx.store, d))),
    deploymentRestart: lifecycle((ctx, d) => (restartDeployment(ctx.store, d), true)),
    deploymentCancel: lifecycle((ctx, d) => (cancelDeployment(ctx.store, d), true)),
    deploymentStop: lifecycle((ctx, d) => (stopDeployment(ctx.store, d), true)),
  },
  Deployment: {
    status: field<DeploymentRec, unknown>((d, _, ctx) => ctx.store.status(d).status),
    updatedAt: field<DeploymentRec, unknown>((d, _, ctx) => ctx.store.status(d).since),
    statusUpdatedAt: field<DeploymentRec, unknown>((d, _, ctx) => ctx.store.status(d).since),
    deploymentStopped: field<DeploymentRec, unknown>((d, _, ctx) => ctx.store.status(d).stopped),
    canRollback: field<DeploymentRec, unknown>((d, _, ctx) => ctx.store.canRollback(d)),
    canRedeploy: field<DeploymentRec, unknown>(() => true),
    staticUrl: field<DeploymentRec, unknown>(
      (d, _, ctx) => ctx.store.domainOf(d.serviceId, d.environmentId)?.domain ?? null,
    ),
    url: field<DeploymentRec, unknown>(
      (d, _, ctx) => ctx.store.domainOf(d.serviceId, d.environmentId)?.domain ?? null,
    ),
    meta: field<DeploymentRec, unknown>((d) => ({
      reason: d.reason,
      image: d.source.image ?? undefined,
      repo: d.source.repo ?? undefined,
      imageDigest: d.imageDigest,
      rollbackTargetDeploymentId: d.rollbackOf ?? undefined,
      redeployedFromDeploymentId: d.redeployOf ?? undefined,
      serviceManifest: {
        build: {
          builder: d.config.builder,
          buildCommand: d.config.buildCommand,
          dockerfilePath: d.config.dockerfilePath,
        },
        deploy: {
          startCommand: d.config.startCommand,
          healthcheckPath: d.config.healthcheckPath,
          numReplicas: d.config.numReplicas,
          region: d.config.region,
          restartPolicyType: d.config.restartPolicyType,
        },
      },
    })),
    instances: field<DeploymentRec, unknown>((d, _, ctx) => {
      const view = ctx.store.status(d);
      const status = view.stopped
        ? 'STOPPED'
        : view.status === 'SUCCESS'
          ? 'RUNNING'
          : view.status === 'CRASHED'
            ? 'CRASHED'
            : null;
      return status ? [{ id: d.replicaId, status }] : [];
    }),
    service: field<DeploymentRec, unknown>((d, _, ctx) => ctx.store.services.get(d.serviceId)),
    environment: field<DeploymentRec, unknown>((d, _, ctx) =>
      ctx.store.environments.get(d.environmentId),
    ),
  },
};
