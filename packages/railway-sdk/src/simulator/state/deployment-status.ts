/**
 * Deployment status derived lazily from the clock: a deployment stores when it was created, its
 * plan and the few events that happened to it (cancel, restart, stop); everything else is
 * computed on read. Supersede follows Railway: a newer deployment removes an older one that is
 * still in progress the moment it is created, and removes a running one only once it reaches
 * SUCCESS itself (a failed new deployment leaves the old one serving).
 */
import type { DeploymentRec } from './records';

export type DeploymentStatus =
  | 'INITIALIZING'
  | 'QUEUED'
  | 'BUILDING'
  | 'DEPLOYING'
  | 'SUCCESS'
  | 'FAILED'
  | 'CRASHED'
  | 'REMOVED';

export interface Transition {
  status: DeploymentStatus;
  at: number;
}

export interface Milestones {
  queuedAt: number;
  buildAt: number;
  deployAt: number;
  successAt: number | null;
  failedAt: number | null;
  crashAt: number | null;
}

export function milestones(d: DeploymentRec): Milestones {
  const p = d.plan.phaseMs;
  const queuedAt = d.createdAt + p.initializing;
  const buildAt = queuedAt + p.queued;
  const deployAt = buildAt + (d.skipsBuild ? 0 : p.building);
  if (d.plan.result === 'build-failure' && !d.skipsBuild) {
    return { queuedAt, buildAt, deployAt, successAt: null, failedAt: deployAt, crashAt: null };
  }
  const successAt = deployAt + p.deploying;
  const crashAt = d.plan.result === 'crash' ? successAt + p.crashAfter : null;
  return { queuedAt, buildAt, deployAt, successAt, failedAt: null, crashAt };
}

/** When `d` reached SUCCESS, or null if it never will (plan, cancel, or a newer deployment first). */
export function effectiveSuccessAt(
  d: DeploymentRec,
  newer: readonly DeploymentRec[],
): number | null {
  const { successAt } = milestones(d);
  if (successAt === null) return null;
  if (d.cancelledAt !== null && d.cancelledAt < successAt) return null;
  const next = newer[0];
  if (next && next.createdAt < successAt) return null;
  return successAt;
}

/** When `d` was (or will be) removed: cancelled, or superseded by one of `newer` (oldest first). */
export function removedAt(d: DeploymentRec, newer: readonly DeploymentRec[]): number | null {
  if (d.cancelledAt !== null) return d.cancelledAt;
  const m = milestones(d);
  const doneAt = m.successAt ?? m.failedAt ?? Number.POSITIVE_INFINITY;
  const next = newer[0];
  if (!next) return null;
  if (next.createdAt < doneAt) return next.createdAt;
  if (m.successAt === null) return null; // a FAILED deployment stays FAILED in history
  // Success times of newer deployments only grow with creation order, so the first one wins.
  for (let i = 0; i < newer.length; i++) {
    const at = effectiveSuccessAt(newer[i]!, newer.slice(i + 1, i + 2));
    if (at !== null) return at;
  }
  return null;
}

export function timeline(d: DeploymentRec, newer: readonly DeploymentRec[]): Transition[] {
  const m = milestones(d);
  const p = d.plan.phaseMs;
  let steps: Transition[] = [
    { status: 'INITIALIZING', at: d.createdAt },
    { status: 'QUEUED', at: m.queuedAt },
    ...(d.skipsBuild ? [] : [{ status: 'BUILDING' as const, at: m.buildAt }]),
  ];
  if (m.failedAt !== null) steps.push({ status: 'FAILED', at: m.failedAt });
  else steps.push({ status: 'DEPLOYING', at: m.deployAt });
  if (m.successAt !== null) steps.push({ status: 'SUCCESS', at: m.successAt });
  if (m.crashAt !== null) steps.push({ status: 'CRASHED', at: m.crashAt });
  for (const event of d.runEvents) {
    steps = steps.filter((s) => s.at <= event.at);
    if (event.kind === 'restart') {
      const up = event.at + p.deploying;
      steps.push({ status: 'DEPLOYING', at: event.at }, { status: 'SUCCESS', at: up });
      if (d.plan.result === 'crash') steps.push({ status: 'CRASHED', at: up + p.crashAfter });
    }
  }
  const end = removedAt(d, newer);
  if (end !== null) {
    steps = steps.filter((s) => s.at < end);
    if (steps.at(-1)?.status !== 'FAILED') steps.push({ status: 'REMOVED', at: end });
  }
  return steps;
}

export interface StatusView {
  status: DeploymentStatus;
  /** When the current status began. */
  since: number;
  everSucceeded: boolean;
  stopped: boolean;
}

export function statusAt(
  d: DeploymentRec,
  newer: readonly DeploymentRec[],
  now: number,
): StatusView {
  const past = timeline(d, newer).filter((s) => s.at <= now);
  const current = past.at(-1) ?? { status: 'INITIALIZING' as const, at: d.createdAt };
  return {
    status: current.status,
    since: current.at,
    everSucceeded: past.some((s) => s.status === 'SUCCESS'),
    stopped: d.runEvents.at(-1)?.kind === 'stop',
  };
}

export const IN_PROGRESS: ReadonlySet<DeploymentStatus> = new Set([
  'INITIALIZING',
  'QUEUED',
  'BUILDING',
  'DEPLOYING',
]);
