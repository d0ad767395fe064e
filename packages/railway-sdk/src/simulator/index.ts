/** The Railway simulator ("@roundhouse/railway-sdk/simulator"): the Railway of every test and of dev. */
export { createSimulator, MANUAL_CLOCK_PHASES, REAL_CLOCK_PHASES } from './simulator';
export type { Simulator, SimulatorOptions } from './simulator';
export type { SimClock, ClockMode } from './clock';
export type { FaultKind, FaultSpec, ActiveFault } from './faults';
export type { Outcome, OutcomeMatch } from './outcomes';
export { RATE_LIMIT_PRESETS } from './rate-limit';
export type { RateLimitBudget } from './rate-limit';
export type { CounterSnapshot, RequestLogEntry, SimCounters } from './counters';
export type { SeededTemplate, SeededTemplates } from './templates';
export type {
  StateViews,
  DeploymentView,
  ProjectView,
  ServiceView,
  DomainView,
  StateSummary,
} from './state-views';
export type { DeploymentStatus } from './state/deployment-status';
export type { PhaseMs, DeploymentResult } from './state/records';
