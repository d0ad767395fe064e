import {
  followLogs,
  readLogs,
  resolveLogDeployment,
} from '@roundhouse/db/repositories/deployment-logs';
import { listDeployments } from '@roundhouse/db/repositories/deployments';
import {
  cancelDeployment,
  deleteInstance,
  type InstanceActionInput,
  type InstanceActionResult,
  redeployInstance,
  restartInstance,
  retryInstance,
  rollbackInstance,
} from '@roundhouse/db/repositories/instance-actions';
import { getInstance, listInstances } from '@roundhouse/db/repositories/instances';
import type { DbOrTrx } from '@roundhouse/db';
import { tracked, type TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure, requirePermission } from '../trpc';
import { auditActor } from './audit-actor';
import {
  actionResultDto,
  deploymentDto,
  instanceDetailDto,
  instanceListItemDto,
  instanceProgressDto,
  instanceStatusDto,
  logLineDto,
  logPageDto,
} from './instances.dto';
import {
  byInstance,
  deploymentsInput,
  listInput,
  logEventId,
  logsInput,
  logsStreamInput,
} from './instances.input';

const read = protectedProcedure.use(requirePermission('instances', 'read'));
const write = protectedProcedure.use(requirePermission('instances', 'write'));

type Action = (db: DbOrTrx, input: InstanceActionInput) => Promise<InstanceActionResult>;

/**
 * A lifecycle action on one of the caller's instances: validated, recorded and enqueued in one
 * transaction by the repository (the worker talks to Railway). Illegal states are BAD_REQUEST,
 * a second action while one is in flight CONFLICT.
 */
function action(run: Action) {
  return write.input(byInstance).mutation(async ({ ctx, input }) =>
    actionResultDto(
      await run(ctx.db, {
        instanceId: input.instanceId,
        userId: ctx.user.id,
        actor: auditActor(ctx),
      }),
    ),
  );
}

/** The caller's own instances: reading them, following their deployments, acting on them. */
export const instancesRouter = {
  list: read.input(listInput).query(async ({ ctx, input }) => {
    const page = await listInstances(ctx.db, {
      userId: ctx.user.id,
      statuses: input.status,
      limit: input.limit,
      cursor: input.cursor,
    });
    return { items: page.items.map(instanceListItemDto), nextCursor: page.nextCursor };
  }),

  detail: read
    .input(byInstance)
    .query(async ({ ctx, input }) =>
      instanceDetailDto(
        await getInstance(ctx.db, { instanceId: input.instanceId, userId: ctx.user.id }),
      ),
    ),

  /** Cheap enough to poll: status, its reason, the current deployment's status and progress. */
  status: read
    .input(byInstance)
    .query(async ({ ctx, input }) =>
      instanceStatusDto(
        await getInstance(ctx.db, { instanceId: input.instanceId, userId: ctx.user.id }),
      ),
    ),

  /** The current deployment's progress bar: 0–100, its phase and when each phase began. */
  progress: read
    .input(byInstance)
    .query(async ({ ctx, input }) =>
      instanceProgressDto(
        await getInstance(ctx.db, { instanceId: input.instanceId, userId: ctx.user.id }),
      ),
    ),

  /** Newest first. */
  deployments: read.input(deploymentsInput).query(async ({ ctx, input }) => {
    const page = await listDeployments(ctx.db, { ...input, userId: ctx.user.id });
    return { items: page.items.map(deploymentDto), nextCursor: page.nextCursor };
  }),

  /** A page of stored log lines by offset; pass `nextSeq` back as `afterSeq` to read on. */
  logs: read.input(logsInput).query(async ({ ctx, input }) => {
    const deployment = await resolveLogDeployment(ctx.db, { ...input, userId: ctx.user.id });
    if (!deployment) {
      // No deployment yet (provisioning): nothing to read, but there will be.
      return {
        deploymentId: null,
        deploymentStatus: null,
        lines: [],
        nextSeq: input.afterSeq,
        hasMore: false,
        finished: false,
      };
    }
    const page = await readLogs(ctx.db, {
      deploymentId: deployment.id,
      afterSeq: input.afterSeq,
      limit: input.limit,
    });
    return logPageDto(deployment.id, page);
  }),

  /**
   * Server-sent events: every log line of the deployment after `afterSeq` (or after the event
   * named by `lastEventId` when the client reconnects), as they are stored; the stream ends once
   * the deployment is over and every line was sent. Ownership is checked before it starts.
   */
  logsStream: read.input(logsStreamInput).subscription(async ({ ctx, input, signal }) => {
    const deployment = await resolveLogDeployment(ctx.db, { ...input, userId: ctx.user.id });
    return (async function* () {
      if (!deployment) return;
      const lines = followLogs(ctx.db, {
        deploymentId: deployment.id,
        afterSeq: input.afterSeq,
        signal,
      });
      for await (const line of lines) {
        yield tracked(logEventId(deployment.id, line.seq), {
          deploymentId: deployment.id,
          ...logLineDto(line),
        });
      }
    })();
  }),

  redeploy: action(redeployInstance),
  restart: action(restartInstance),
  /** Back to the previous successful deployment. */
  rollback: action(rollbackInstance),
  /** Cancels the deployment in flight (the worker tells Railway). */
  cancel: action(cancelDeployment),
  /** FAILED instances: provisioning again if it never finished, else a redeploy. */
  retry: action(retryInstance),
  delete: action(deleteInstance),
} satisfies TRPCRouterRecord;
