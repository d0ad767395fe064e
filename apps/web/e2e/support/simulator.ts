import type { RunningSystem } from './system';

/**
 * The Railway simulator's outcome rules (`POST /_sim/outcomes`): the newest rule matching a
 * deployment's project decides how it ends, and a deployment's plan is fixed when it starts. A
 * rule per project (`rh-<instanceId>`) keeps one test's injected failure away from the others.
 */
async function setOutcome(
  system: RunningSystem,
  projectName: string | { regex: string },
  result: 'success' | 'build-failure' | 'crash',
  phaseMs?: Partial<Record<'initializing' | 'queued' | 'building' | 'deploying', number>>,
): Promise<void> {
  const res = await fetch(`${system.simControlUrl}/outcomes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ match: { projectName }, outcome: { result, phaseMs } }),
  });
  if (res.status !== 201) {
    throw new Error(`simulator refused outcome ${result}: HTTP ${res.status} ${await res.text()}`);
  }
}

/** The Railway project Roundhouse creates for an instance. */
export const projectOf = (instanceId: string) => `rh-${instanceId}`;

/**
 * Phases of deployments nobody watches step by step: ~4 s instead of the default ~17 s, which
 * keeps the whole run within its budget. The deployment a test follows keeps the real timing.
 */
const QUICK = { initializing: 500, queued: 500, building: 1_500, deploying: 1_500 };

/** Builds of this instance's deployments from now on fail (quickly). */
export const failBuildsOf = (system: RunningSystem, instanceId: string) =>
  setOutcome(system, projectOf(instanceId), 'build-failure', QUICK);

/**
 * Deployments of this instance from now on succeed (a newer rule than a failure), with the
 * simulator's default phase timing, or `quick`ly.
 */
export const succeedBuildsOf = (
  system: RunningSystem,
  instanceId: string,
  speed: 'default' | 'quick' = 'default',
) => setOutcome(system, projectOf(instanceId), 'success', speed === 'quick' ? QUICK : undefined);

/**
 * Every deployment that starts from now on fails its build, until `clearOutcomes`: for clones
 * that must fail from their very first build, before their instance id (and project) is known.
 */
export const failEveryBuild = (system: RunningSystem) =>
  setOutcome(system, { regex: '^rh-' }, 'build-failure', QUICK);

/** Drops every outcome rule: deployments starting from now on get the simulator's default. */
export async function clearOutcomes(system: RunningSystem): Promise<void> {
  const res = await fetch(`${system.simControlUrl}/outcomes`, { method: 'DELETE' });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`simulator kept its outcomes: HTTP ${res.status}`);
}
