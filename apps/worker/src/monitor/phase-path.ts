import {
  DEPLOYMENT_PHASES,
  type DeploymentStatus,
  deploymentPhaseRank,
  deploymentStatusMachine,
} from '@roundhouse/core';

/**
 * The statuses a deployment passes through from `from` to `to` (excluding `from`), taking the
 * shortest legal path through the phases: a poll that missed a phase (Railway went from QUEUED
 * to SUCCESS between two polls, or a rollback skipped its build) still moves through the state
 * machine, without inventing a phase it can skip. Undefined when no legal path exists (e.g. a
 * deployment already in HEALTH_CHECK cannot become CANCELED).
 */
export function phasePath(
  from: DeploymentStatus,
  to: DeploymentStatus,
): DeploymentStatus[] | undefined {
  if (from === to) return [];
  const path: DeploymentStatus[] = [];
  let at = from;
  while (!deploymentStatusMachine.canTransition(at, to)) {
    const rank = deploymentPhaseRank(at);
    if (rank === undefined) return undefined;
    // The furthest phase ahead that is reachable in one step.
    const next = DEPLOYMENT_PHASES.slice(rank + 1)
      .filter((phase) => phase !== 'SUCCEEDED')
      .reverse()
      .find((phase) => deploymentStatusMachine.canTransition(at, phase) && leadsTo(phase, to));
    if (next === undefined) return undefined;
    path.push(next);
    at = next;
  }
  path.push(to);
  return path;
}

/** Whether `to` can still be reached from `phase` (directly or through later phases). */
function leadsTo(phase: DeploymentStatus, to: DeploymentStatus): boolean {
  if (deploymentStatusMachine.canTransition(phase, to)) return true;
  const rank = deploymentPhaseRank(phase);
  if (rank === undefined) return false;
  return DEPLOYMENT_PHASES.slice(rank + 1).some(
    (later) => deploymentStatusMachine.canTransition(phase, later) && leadsTo(later, to),
  );
}
