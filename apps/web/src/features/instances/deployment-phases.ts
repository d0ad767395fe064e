import {
  DEFAULT_MEDIAN_PHASE_DURATIONS_MS,
  DEPLOYMENT_PHASES,
  estimateProgress,
  type DeploymentPhase,
  type DeploymentStatus,
  type InflightDeploymentPhase,
} from '@roundhouse/core';

/** instances.progress' `deployment`, reduced to what the panel needs. */
export interface ProgressDeployment {
  status: DeploymentStatus;
  progress: number;
  /** The phase reached (a DeploymentPhase); for one that ended badly, the one it failed in. */
  phase: DeploymentStatus;
  phases: {
    queuedAt: Date | null;
    buildingAt: Date | null;
    deployingAt: Date | null;
    healthCheckAt: Date | null;
    finishedAt: Date | null;
  };
}

export type StepState = 'done' | 'current' | 'failed' | 'pending';

export interface PhaseStep {
  phase: DeploymentPhase;
  state: StepState;
  startedAt: Date | null;
}

const STARTED_AT: Record<DeploymentPhase, keyof ProgressDeployment['phases']> = {
  QUEUED: 'queuedAt',
  BUILDING: 'buildingAt',
  DEPLOYING: 'deployingAt',
  HEALTH_CHECK: 'healthCheckAt',
  SUCCEEDED: 'finishedAt',
};

const INFLIGHT_PHASES = DEPLOYMENT_PHASES.filter(
  (p): p is InflightDeploymentPhase => p !== 'SUCCEEDED',
);

const phaseIndex = (status: DeploymentStatus) =>
  (DEPLOYMENT_PHASES as readonly DeploymentStatus[]).indexOf(status);

export function isFailedOutcome(status: DeploymentStatus): boolean {
  return phaseIndex(status) === -1;
}

/** queued → building → deploying → health check → running, each done, current, failed or pending. */
export function phaseSteps(d: ProgressDeployment): PhaseStep[] {
  const reached = Math.max(0, phaseIndex(d.phase));
  const failed = isFailedOutcome(d.status);
  return DEPLOYMENT_PHASES.map((phase, index) => {
    const startedAt = d.phases[STARTED_AT[phase]];
    let state: StepState = 'pending';
    if (d.status === 'SUCCEEDED' || index < reached) state = 'done';
    else if (index === reached) state = failed ? 'failed' : 'current';
    // SUCCEEDED is the last step: reaching it means it is done, not in progress.
    if (phase === 'SUCCEEDED' && state === 'current') state = 'done';
    return { phase, state, startedAt: state === 'pending' ? null : startedAt };
  });
}

/** From queued to finished (or to now while it runs). */
export function elapsedMs(d: ProgressDeployment, now: number): number {
  const start = d.phases.queuedAt;
  if (!start) return 0;
  const end = d.phases.finishedAt?.getTime() ?? now;
  return Math.max(0, end - start.getTime());
}

/**
 * Expected time left of an in-flight deployment: what remains of the current phase's median
 * (never negative: a slow phase just reads "any moment") plus the medians of the later ones.
 * Null once it has ended.
 */
export function remainingMs(d: ProgressDeployment, now: number): number | null {
  const current = INFLIGHT_PHASES.indexOf(d.status as InflightDeploymentPhase);
  if (current === -1) return null;
  const phase = INFLIGHT_PHASES[current] as InflightDeploymentPhase;
  const startedAt = d.phases[STARTED_AT[phase]]?.getTime() ?? now;
  const left = Math.max(0, DEFAULT_MEDIAN_PHASE_DURATIONS_MS[phase] - (now - startedAt));
  return INFLIGHT_PHASES.slice(current + 1).reduce(
    (sum, p) => sum + DEFAULT_MEDIAN_PHASE_DURATIONS_MS[p],
    left,
  );
}

/**
 * The bar between two polls: the stored progress, advanced locally with core's estimate so it
 * moves smoothly; never below what the server said.
 */
export function liveProgress(d: ProgressDeployment, now: number): number {
  return estimateProgress({
    status: d.status,
    phaseStartedAt: d.phases[STARTED_AT[DEPLOYMENT_PHASES[phaseIndex(d.phase)] ?? 'QUEUED']],
    now,
    previousProgress: d.progress,
  });
}
