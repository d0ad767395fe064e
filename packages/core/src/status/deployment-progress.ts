import type { DeploymentStatus } from '../enums';
import { ConfigurationError } from '../errors';

/**
 * The progress bar of a deployment (0–100) as the worker stores it. Railway reports phases, not
 * percentages, so inside a phase we advance with the time spent against that phase's median
 * duration. The bar never moves backwards and only shows 100 once our health check passed.
 */
export const DEPLOYMENT_PHASES = [
  'QUEUED',
  'BUILDING',
  'DEPLOYING',
  'HEALTH_CHECK',
  'SUCCEEDED',
] as const satisfies readonly DeploymentStatus[];
export type DeploymentPhase = (typeof DEPLOYMENT_PHASES)[number];
export type InflightDeploymentPhase = Exclude<DeploymentPhase, 'SUCCEEDED'>;

/** Part of the bar each in-flight phase fills. They add up to 99: 100 is reserved for SUCCEEDED. */
export const DEPLOYMENT_PHASE_SHARES: Readonly<Record<InflightDeploymentPhase, number>> =
  Object.freeze({ QUEUED: 5, BUILDING: 55, DEPLOYING: 25, HEALTH_CHECK: 14 });

/** Used until the worker has measured medians of its own. */
export const DEFAULT_MEDIAN_PHASE_DURATIONS_MS: Readonly<Record<InflightDeploymentPhase, number>> =
  Object.freeze({ QUEUED: 5_000, BUILDING: 90_000, DEPLOYING: 30_000, HEALTH_CHECK: 10_000 });

/**
 * Position of a status in the phase order (QUEUED < BUILDING < … < SUCCEEDED), undefined for the
 * failure outcomes. Lets the monitor ignore a stale poll that reports an earlier phase.
 */
export function deploymentPhaseRank(status: DeploymentStatus): number | undefined {
  const rank = (DEPLOYMENT_PHASES as readonly DeploymentStatus[]).indexOf(status);
  return rank === -1 ? undefined : rank;
}

export interface EstimateProgressInput {
  status: DeploymentStatus;
  /** When the current phase began; null when unknown (counts as just started). */
  phaseStartedAt: Date | number | null;
  now: Date | number;
  medianPhaseDurationsMs?: Partial<Record<InflightDeploymentPhase, number>>;
  /** What is stored now; the result is never lower. */
  previousProgress?: number | null;
}

/** Integer 0–100; 100 exactly when SUCCEEDED; failures keep the progress they reached. */
export function estimateProgress(input: EstimateProgressInput): number {
  const previous = clampProgress(input.previousProgress ?? 0);
  const { status } = input;
  if (status === 'SUCCEEDED') return 100;
  if (!isInflightPhase(status)) return previous;

  const median =
    input.medianPhaseDurationsMs?.[status] ?? DEFAULT_MEDIAN_PHASE_DURATIONS_MS[status];
  if (!Number.isFinite(median) || median <= 0) {
    throw new ConfigurationError(`Median duration of ${status} must be a positive number of ms`, {
      reason: 'INVALID',
      details: { phase: status, median },
    });
  }
  const startedAt = input.phaseStartedAt === null ? null : toMs(input.phaseStartedAt);
  // A phase start in the future (clock skew between hosts) counts as just started.
  const elapsed = startedAt === null ? 0 : Math.max(0, toMs(input.now) - startedAt);
  const fraction = Math.min(1, elapsed / median);
  const estimate = Math.floor(phaseStart(status) + DEPLOYMENT_PHASE_SHARES[status] * fraction);
  return Math.min(99, Math.max(previous, estimate));
}

function isInflightPhase(status: DeploymentStatus): status is InflightDeploymentPhase {
  return Object.hasOwn(DEPLOYMENT_PHASE_SHARES, status);
}

/** Sum of the shares of the phases before `phase`. */
function phaseStart(phase: InflightDeploymentPhase): number {
  const before = DEPLOYMENT_PHASES.slice(0, DEPLOYMENT_PHASES.indexOf(phase));
  return before.reduce((sum, p) => sum + DEPLOYMENT_PHASE_SHARES[p as InflightDeploymentPhase], 0);
}

function clampProgress(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, Math.floor(value))) : 0;
}

function toMs(value: Date | number): number {
  return value instanceof Date ? value.getTime() : value;
}
