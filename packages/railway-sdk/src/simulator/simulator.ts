/** createSimulator: wires the state, schema, HTTP server and test controls together. */
import { randomInt } from 'node:crypto';
import { Tokens } from './auth';
import { createClock, type ClockMode, type SimClock } from './clock';
import { Counters, type RequestLogEntry, type SimCounters } from './counters';
import { Faults, type ActiveFault, type FaultSpec } from './faults';
import { assertPhaseMs, createOutcomes, type Outcome, type OutcomeMatch } from './outcomes';
import { RATE_LIMIT_PRESETS, RateLimiter, type RateLimitBudget } from './rate-limit';
import { createRng } from './rng';
import { loadSchemas } from './schema';
import { createStatePersistence, readStateFile } from './persistence';
import { createSimServer, GRAPHQL_PATH, listen } from './server';
import { createStateViews, type StateViews } from './state-views';
import type { PhaseMs } from './state/records';
import { restoreSnapshot, takeSnapshot } from './state/snapshot';
import { Store } from './state/store';
import { seedTemplates, type SeededTemplates } from './templates';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** 'real' (default): wall time; 'manual': time moves only on clock.advance(ms). */
  clock?: ClockMode;
  /** Per-token budget (default Pro: 50/s, 10,000/h); false disables limits and their headers. */
  rateLimit?: RateLimitBudget | false;
  /** Added to every GraphQL response (a network round trip). */
  latencyMs?: number;
  /** Seeds ids, generated names and fault dice. */
  seed?: number;
  /** Create the `single` and `trading` template projects (default true). */
  seedTemplates?: boolean;
  /** Deployment phase durations; defaults are < 1 s in total on a real clock, minutes on a manual one. */
  phaseMs?: Partial<PhaseMs>;
  /** Interval of the running app's heartbeat log line (default 60 s). */
  heartbeatMs?: number;
  /** How long a built image stays available for rollback (default 7 days). */
  imageRetentionMs?: number;
  /** Use this string as the workspace token instead of a generated one. */
  token?: string;
  /** Schema SDL to serve instead of schema/railway.graphql. */
  sdl?: string;
  /**
   * Keep the state (workspaces, tokens, projects, deployments, variables) in this JSON file:
   * restored when it exists (seeding and `seed` are then skipped), written after changes
   * (debounced) and on close. Faults, outcomes and counters are not kept.
   */
  stateFile?: string;
  /** Debounce of state writes (default 250 ms). */
  persistDebounceMs?: number;
}

export interface Simulator {
  url: string;
  baseUrl: string;
  token: string;
  workspaceId: string;
  templates: SeededTemplates | null;
  /** For the client's publicUrlTemplate option: `${baseUrl}/d/{domain}`. */
  publicUrlTemplate: string;
  publicUrl(domain: string): string;
  createProjectToken(projectId: string, environmentId: string): string;
  /** Another workspace with its own token (for isolation tests). */
  createWorkspace(name?: string): { workspaceId: string; token: string };
  clock: SimClock;
  faults: { inject(spec: FaultSpec): string; clear(id?: string): void; list(): ActiveFault[] };
  outcomes: { set(match: OutcomeMatch, outcome: Outcome): void; clear(): void };
  counters: SimCounters;
  /** Recent GraphQL requests, oldest first (up to 1,000). */
  readonly requestLog: RequestLogEntry[];
  state: StateViews;
  close(): Promise<void>;
}

export const REAL_CLOCK_PHASES: PhaseMs = {
  initializing: 40,
  queued: 40,
  building: 160,
  deploying: 120,
  crashAfter: 250,
};

export const MANUAL_CLOCK_PHASES: PhaseMs = {
  initializing: 2_000,
  queued: 3_000,
  building: 45_000,
  deploying: 15_000,
  crashAfter: 30_000,
};

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  assertPhaseMs(options.phaseMs);
  const clock = createClock(options.clock ?? 'real');
  const saved = options.stateFile ? readStateFile(options.stateFile) : undefined;
  // A restored simulator gets a fresh seed: the configured one would mint the saved ids again.
  const rng = createRng(saved === undefined ? (options.seed ?? 1) : randomInt(2 ** 31));
  const defaults = clock.mode === 'manual' ? MANUAL_CLOCK_PHASES : REAL_CLOCK_PHASES;
  const outcomes = createOutcomes({ ...defaults, ...options.phaseMs });
  const store = new Store({
    clock,
    rng,
    planFor: outcomes.planFor,
    imageRetentionMs: options.imageRetentionMs ?? 7 * 24 * 3_600_000,
  });
  const tokens = new Tokens(rng);
  const createWorkspace = (name = `workspace-${rng.hex(4)}`, token?: string) => {
    const workspaceId = rng.uuid();
    store.workspaces.set(workspaceId, { id: workspaceId, name });
    return { workspaceId, token: tokens.issueWorkspaceToken(workspaceId, token) };
  };
  let main: { workspaceId: string; token: string };
  let templates: SeededTemplates | null;
  if (saved === undefined) {
    main = createWorkspace('Roundhouse', options.token);
    templates = options.seedTemplates === false ? null : seedTemplates(store, main.workspaceId);
  } else {
    const snapshot = restoreSnapshot(store, saved);
    tokens.restore(snapshot.tokens);
    ({ main, templates } = snapshot);
    if (options.token && options.token !== main.token) {
      main = { ...main, token: tokens.issueWorkspaceToken(main.workspaceId, options.token) };
    }
  }
  const persistence = options.stateFile
    ? createStatePersistence({
        file: options.stateFile,
        debounceMs: options.persistDebounceMs ?? 250,
        snapshot: () => takeSnapshot(store, { main, templates, tokens: tokens.entries() }),
      })
    : null;
  const changed = () => persistence?.changed();
  // The first start writes at once, so the seeded template ids are the ones every later start sees.
  if (saved === undefined) {
    changed();
    persistence?.flush();
  }
  const rateLimit = options.rateLimit === undefined ? RATE_LIMIT_PRESETS.pro : options.rateLimit;
  const faults = new Faults(rng);
  const counters = new Counters();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const server = createSimServer({
    graphql: {
      schemas: loadSchemas(options.sdl),
      store,
      tokens,
      limiter: rateLimit ? new RateLimiter(rateLimit) : null,
      faults,
      counters,
      latencyMs: () => options.latencyMs ?? 0,
      heartbeatMs: options.heartbeatMs ?? 60_000,
      later,
      onMutation: changed,
    },
    // The control API needs the finished handle; requests only arrive after it exists.
    sim: () => sim,
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  const baseUrl = `http://${host}:${port}`;
  const sim: Simulator = {
    url: `${baseUrl}${GRAPHQL_PATH}`,
    baseUrl,
    token: main.token,
    workspaceId: main.workspaceId,
    templates,
    publicUrlTemplate: `${baseUrl}/d/{domain}`,
    publicUrl: (domain) => `${baseUrl}/d/${domain}`,
    createProjectToken(projectId, environmentId) {
      const project = store.projects.get(projectId);
      if (!project?.environmentIds.includes(environmentId)) {
        throw new Error('Project or environment not found');
      }
      const token = tokens.issueProjectToken(projectId, environmentId);
      changed();
      return token;
    },
    createWorkspace: (name) => {
      const workspace = createWorkspace(name);
      changed();
      return workspace;
    },
    clock,
    faults: {
      inject: (spec) => faults.inject(spec),
      clear: (id) => faults.clear(id),
      list: () => faults.list(),
    },
    outcomes: { set: outcomes.set, clear: outcomes.clear },
    counters,
    get requestLog() {
      return counters.requestLog();
    },
    state: createStateViews(store),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      persistence?.flush();
    },
  };
  return sim;
}
