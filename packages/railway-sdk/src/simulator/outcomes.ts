/**
 * Per-service outcome plans: which deployments succeed, fail their build, crash after start, or
 * run unhealthy. The newest matching rule wins; a deployment's plan is fixed when it starts.
 */
import type { DeploymentPlan, DeploymentResult, PhaseMs } from './state/records';

export interface OutcomeMatch {
  projectName?: string | RegExp;
  serviceName?: string | RegExp;
}

export interface Outcome {
  result: DeploymentResult;
  unhealthy?: boolean;
  phaseMs?: Partial<PhaseMs>;
}

export interface Outcomes {
  set(match: OutcomeMatch, outcome: Outcome): void;
  clear(): void;
  planFor(projectName: string, serviceName: string): DeploymentPlan;
}

const RESULTS: readonly DeploymentResult[] = ['success', 'build-failure', 'crash'];

function matches(pattern: string | RegExp | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === value : pattern.test(value);
}

export function assertPhaseMs(phaseMs: Partial<PhaseMs> | undefined): void {
  for (const [name, ms] of Object.entries(phaseMs ?? {})) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`phaseMs.${name} must be a number >= 0`);
    }
  }
}

export function createOutcomes(defaultPhaseMs: PhaseMs): Outcomes {
  let rules: { match: OutcomeMatch; outcome: Outcome }[] = [];
  return {
    set(match, outcome) {
      if (!RESULTS.includes(outcome.result)) {
        throw new RangeError(`outcome.result must be one of ${RESULTS.join(', ')}`);
      }
      assertPhaseMs(outcome.phaseMs);
      rules.push({ match, outcome });
    },
    clear() {
      rules = [];
    },
    planFor(projectName, serviceName) {
      const rule = rules.findLast(
        (r) =>
          matches(r.match.projectName, projectName) && matches(r.match.serviceName, serviceName),
      );
      return {
        result: rule?.outcome.result ?? 'success',
        unhealthy: rule?.outcome.unhealthy ?? false,
        phaseMs: { ...defaultPhaseMs, ...rule?.outcome.phaseMs },
      };
    },
  };
}
