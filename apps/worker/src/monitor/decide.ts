import { type DeploymentStatus, deploymentPhaseRank } from '@roundhouse/core';
import type { MonitoredDeployment } from '@roundhouse/db/repositories/monitor';
import type { ProbeResult } from '../health/probe';
import { phasePath } from './phase-path';
import type { Failure } from './verdicts';

export type InflightStatus = Extract<
  DeploymentStatus,
  'QUEUED' | 'BUILDING' | 'DEPLOYING' | 'HEALTH_CHECK'
>;

/** What one poll does with one deployment. */
export type Decision =
  | { action: 'advance'; status: InflightStatus }
  | { action: 'succeed' }
  | { action: 'fail'; failure: Failure };

export interface Observation {
  row: MonitoredDeployment;
  /** Our status for Railway's answer; GONE when Railway no longer knows the deployment. */
  observed: DeploymentStatus | 'GONE';
}

/**
 * The status a poll moves a deployment to. A stale answer that reports an earlier phase than
 * the one stored changes nothing (progress never runs backwards).
 */
export function effectiveStatus(
  row: MonitoredDeployment,
  observed: DeploymentStatus,
): DeploymentStatus {
  const seen = deploymentPhaseRank(observed);
  const stored = deploymentPhaseRank(row.status);
  return seen !== undefined && stored !== undefined && seen < stored ? row.status : observed;
}

/**
 * The verdict rules (DESIGN §3 Monitoring): Railway's FAILED/CRASHED end the deployment with a
 * class; Railway's SUCCESS only opens our health check, which must pass (health path, and the
 * smoke request) before SUCCEEDED, and fails it when it keeps failing for `healthWindowMs`.
 */
export function decide(
  { row, observed }: Observation,
  probe: ProbeResult | undefined,
  now: Date,
  healthWindowMs: number,
): Decision {
  if (observed === 'GONE') {
    return removed(
      row,
      'Railway no longer knows this deployment (its service or project is gone).',
    );
  }
  const status = effectiveStatus(row, observed);
  switch (status) {
    case 'FAILED': {
      const building = row.status === 'QUEUED' || row.status === 'BUILDING';
      return fail(
        'FAILED',
        building ? 'The build failed.' : 'Railway reported the deployment failed.',
      );
    }
    case 'CRASHED':
      return fail('CRASHED', 'The app crashed after it started.');
    case 'CANCELED':
      return removed(row, 'Railway removed the deployment (canceled or replaced by a newer one).');
    case 'HEALTH_CHECK':
      return healthDecision(row, probe, now, healthWindowMs);
    case 'QUEUED':
    case 'BUILDING':
    case 'DEPLOYING':
      return { action: 'advance', status };
    default:
      // SUCCEEDED and TIMED_OUT are ours to give, never Railway's.
      return { action: 'advance', status: row.status as InflightStatus };
  }
}

function healthDecision(
  row: MonitoredDeployment,
  probe: ProbeResult | undefined,
  now: Date,
  healthWindowMs: number,
): Decision {
  // Without a public domain there is nothing to ask: Railway's own check is all there is.
  if (row.instance.publicUrl === null || probe?.ok) return { action: 'succeed' };
  const since = row.healthCheckAt ?? now;
  const waitedMs = now.getTime() - since.getTime();
  if (waitedMs < healthWindowMs) return { action: 'advance', status: 'HEALTH_CHECK' };
  const why = probe?.error ?? 'no answer';
  return {
    action: 'fail',
    failure: {
      status: 'FAILED',
      errorClass: probe?.errorClass ?? 'RESOURCE',
      summary: `The health check kept failing for ${Math.round(waitedMs / 1000)} s (${why}).`,
    },
  };
}

function fail(status: 'FAILED' | 'CRASHED', summary: string): Decision {
  return { action: 'fail', failure: { status, errorClass: 'RESOURCE', summary } };
}

/** CANCELED where the state machine allows it; past Railway's SUCCESS it is a failure. */
function removed(row: MonitoredDeployment, summary: string): Decision {
  return phasePath(row.status, 'CANCELED')
    ? { action: 'fail', failure: { status: 'CANCELED', summary } }
    : { action: 'fail', failure: { status: 'FAILED', errorClass: 'RESOURCE', summary } };
}
