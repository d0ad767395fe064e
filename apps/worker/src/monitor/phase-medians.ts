import type { InflightDeploymentPhase } from '@roundhouse/core';
import type { Db } from '@roundhouse/db';
import { medianPhaseDurations } from '@roundhouse/db/repositories/monitor';

type Medians = Partial<Record<InflightDeploymentPhase, number>>;

/** Past deployments the medians are taken over. */
const SAMPLE = 200;
/** Medians move slowly; one query every few minutes is plenty. */
const TTL_MS = 5 * 60_000;

/** The median duration of each deployment phase, cached for a few minutes. */
export class PhaseMedians {
  private cached: { at: number; value: Medians } | undefined;

  async get(db: Db, now: number = Date.now()): Promise<Medians> {
    if (this.cached && now - this.cached.at < TTL_MS) return this.cached.value;
    const value = await medianPhaseDurations(db, { sample: SAMPLE });
    this.cached = { at: now, value };
    return value;
  }
}
