import type { DeploymentStatus } from '@roundhouse/core';
import type { Db, Deployment } from '@roundhouse/db';
import { sql } from 'kysely';

/**
 * Staleness of our view of in-flight deployments: for every status change Railway (the
 * simulator) shows, the simulated time until our stored status matches it.
 */
export class StalenessTracker {
  private readonly railway = new Map<string, DeploymentStatus>();
  private readonly pending = new Map<string, { status: DeploymentStatus; since: number }>();
  private readonly samples: number[] = [];
  /** Status changes Railway showed after the start. */
  changes = 0;

  constructor(private readonly deployments: readonly Deployment[]) {}

  /** Railway's status (mapped to ours) of every tracked deployment, as of `changedSince`. */
  railwaySaw(statusOf: (railwayId: string) => DeploymentStatus, changedSince: number): void {
    for (const { railway_deployment_id: id } of this.deployments) {
      const status = statusOf(id as string);
      const previous = this.railway.get(id as string);
      if (status === previous) continue;
      if (previous !== undefined) this.changes++;
      this.railway.set(id as string, status);
      this.pending.set(id as string, { status, since: changedSince });
    }
  }

  /** Our stored statuses by Railway deployment id, read at simulated time `at`. */
  weSaw(stored: ReadonlyMap<string, DeploymentStatus>, at: number): void {
    for (const [id, { status, since }] of this.pending) {
      const ours = stored.get(id);
      // Railway's SUCCESS is our HEALTH_CHECK, which may already have passed to SUCCEEDED.
      if (ours === status || (status === 'HEALTH_CHECK' && ours === 'SUCCEEDED')) {
        this.samples.push(at - since);
        this.pending.delete(id);
      }
    }
  }

  /** The worst staleness, counting changes still unseen at `now`. */
  max(now: number): number {
    const unseen = [...this.pending.values()].map(({ since }) => now - since);
    return Math.max(0, ...this.samples, ...unseen);
  }
}

/** Gaps between consecutive health checks of each running instance (from last_health_at). */
export class HealthIntervals {
  private readonly last = new Map<string, number>();
  private maxGapMs = 0;
  private minChecked = Number.POSITIVE_INFINITY;

  /** Call after each check_instance_health run. */
  async record(db: Db): Promise<void> {
    const { rows } = await sql<{ id: string; at: Date | null }>`
      select id, last_health_at as at from instances where status in ('RUNNING', 'DEGRADED')
    `.execute(db);
    let checked = 0;
    for (const { id, at } of rows) {
      if (at === null) continue;
      const previous = this.last.get(id);
      if (previous === at.getTime()) continue;
      checked++;
      if (previous !== undefined) this.maxGapMs = Math.max(this.maxGapMs, at.getTime() - previous);
      this.last.set(id, at.getTime());
    }
    this.minChecked = Math.min(this.minChecked, checked);
    // An instance never checked counts as never: the worst interval there is.
    if (rows.some(({ at }) => at === null)) this.maxGapMs = Number.POSITIVE_INFINITY;
  }

  maxIntervalMs(): number {
    return this.maxGapMs;
  }

  minCheckedPerRun(): number {
    return this.minChecked;
  }
}
