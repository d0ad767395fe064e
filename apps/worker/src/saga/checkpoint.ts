import { ResourceError } from '@roundhouse/core';
import { z } from 'zod';

/**
 * The clone saga's record on `instances.checkpoint`: which steps are done and the Railway ids
 * they produced. A retry (or a worker that died mid-saga) continues from here instead of
 * creating anything twice. Sections are maps keyed by template service name, written one entry
 * at a time, so parallel steps never overwrite each other.
 */
const id = z.string().min(1);

export const cloneCheckpointSchema = z.looseObject({
  /** Saga runs started on this instance; > 1 means a create may have happened unrecorded. */
  runs: z.number().int().nonnegative().default(0),
  /** What was cloned: the template, its services, and which one is public. */
  template: z
    .object({
      projectId: id,
      services: z.array(z.string()),
      publicService: z.string(),
      /** The public service's health check path, for the monitor (null: its default). */
      healthcheckPath: z.string().nullable(),
    })
    .optional(),
  project: z.object({ id, name: z.string(), environmentId: id }).optional(),
  services: z.record(z.string(), z.object({ id })).default({}),
  domains: z.record(z.string(), z.object({ domain: z.string() })).default({}),
  /** Template instance settings applied (they take effect from the next deploy). */
  configured: z.record(z.string(), z.literal(true)).default({}),
  /** Deployments started by the saga itself (services created without their source). */
  deployed: z.record(z.string(), z.object({ id })).default({}),
  handedOverAt: z.string().optional(),
});

export type CloneCheckpoint = z.infer<typeof cloneCheckpointSchema>;

/** A checkpoint written by someone else's code is a defect to surface, not to guess around. */
export function parseCheckpoint(raw: unknown): CloneCheckpoint {
  const parsed = cloneCheckpointSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new ResourceError(
      `The instance's provisioning checkpoint is malformed: ${parsed.error.message}`,
      {
        reason: 'INVALID',
      },
    );
  }
  return parsed.data;
}
