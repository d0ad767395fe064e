import { INSTANCE_STATUSES } from '@roundhouse/core';
import { z } from 'zod';

/** Inputs of the instances procedures, bounded so no request can ask for unbounded work. */

const cursor = z.string().min(1).max(1000).optional();
const afterSeq = z
  .int()
  .min(-1)
  .max(Number.MAX_SAFE_INTEGER)
  .default(-1)
  .describe('Lines with seq > afterSeq; -1 (default) from the first line');

export const byInstance = z.object({ instanceId: z.uuid() });

export const listInput = z
  .object({
    /** Default: every status but DELETED. */
    status: z.array(z.enum(INSTANCE_STATUSES)).min(1).max(INSTANCE_STATUSES.length).optional(),
    limit: z.int().min(1).max(100).default(20),
    cursor,
  })
  .prefault({});

export const deploymentsInput = byInstance.extend({
  limit: z.int().min(1).max(100).default(20),
  cursor,
});

export const logsInput = byInstance.extend({
  /** Default: the instance's current deployment. */
  deploymentId: z.uuid().optional(),
  afterSeq,
  limit: z.int().min(1).max(1000).default(200),
});

/**
 * The id of every streamed event is `<deploymentId>:<seq>`; an SSE client that reconnects sends
 * the last one back as `lastEventId`, which names both what it followed and where it stopped.
 */
const EVENT_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\d{1,15})$/i;

export function logEventId(deploymentId: string, seq: number): string {
  return `${deploymentId}:${seq}`;
}

export const logsStreamInput = byInstance
  .extend({
    deploymentId: z.uuid().optional(),
    afterSeq,
    lastEventId: z
      .string()
      .regex(EVENT_ID, 'lastEventId must be an event id this stream sent (<deploymentId>:<seq>)')
      .nullish(),
  })
  .transform(({ lastEventId, ...input }, ctx) => {
    const match = lastEventId ? EVENT_ID.exec(lastEventId) : null;
    if (!match) return input;
    const deploymentId = (match[1] as string).toLowerCase();
    if (input.deploymentId !== undefined && input.deploymentId.toLowerCase() !== deploymentId) {
      ctx.addIssue({
        code: 'custom',
        path: ['lastEventId'],
        message: 'lastEventId belongs to a different deployment than deploymentId',
      });
      return z.NEVER;
    }
    return { ...input, deploymentId, afterSeq: Number(match[2]) };
  });
