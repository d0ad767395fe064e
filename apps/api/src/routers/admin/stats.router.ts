import { fleetStats } from '@roundhouse/db/repositories/fleet-stats';
import { z } from 'zod';
import { adminRead } from './procedures';

/**
 * Fleet statistics over the last `days` UTC days (today included; default 30). The window bounds
 * the work: only deployments queued inside it are read.
 */
export const adminStatsProcedure = adminRead
  .input(
    z
      .object({ days: z.number().int().min(1).max(365).default(30) })
      .strict()
      .prefault({}),
  )
  .query(({ ctx, input }) => fleetStats(ctx.db, input));
