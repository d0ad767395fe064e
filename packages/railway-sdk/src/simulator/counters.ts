/** What tests and benchmarks assert on: request counts by root field, 429s, faults, and a recent-request log. */
import type { TokenKind } from './auth';
import type { FaultKind } from './faults';

export interface RequestLogEntry {
  /** Wall-clock epoch ms when the request arrived. */
  at: number;
  operations: string[];
  /** HTTP status sent; 0 when the connection was dropped without an answer. */
  status: number;
  tokenKind: TokenKind;
  fault?: FaultKind;
  durationMs: number;
}

export interface CounterSnapshot {
  /** GraphQL requests received (each HTTP request counts once, however many fields it selects). */
  requests: number;
  /** Requests that selected each root field (once per request). */
  byOperation: Record<string, number>;
  /** Root field selections (aliases count separately: 100 aliased `deployment` fields = 100). */
  fieldsByOperation: Record<string, number>;
  rateLimited: number;
  faults: number;
  faultsByKind: Partial<Record<FaultKind, number>>;
  invalidDocuments: number;
  unauthorized: number;
  /** Requests to service domains (`/d/<domain>/...`), which cost no Railway API budget. */
  domainRequests: number;
}

function empty(): CounterSnapshot {
  return {
    requests: 0,
    byOperation: {},
    fieldsByOperation: {},
    rateLimited: 0,
    faults: 0,
    faultsByKind: {},
    invalidDocuments: 0,
    unauthorized: 0,
    domainRequests: 0,
  };
}

/** The live view tests read (`sim.counters.requests`), plus reset. */
export type SimCounters = Readonly<CounterSnapshot> & {
  snapshot(): CounterSnapshot;
  reset(): void;
};

export class Counters implements SimCounters {
  private data = empty();
  private readonly log: RequestLogEntry[] = [];

  constructor(private readonly logSize = 1000) {}

  get requests() {
    return this.data.requests;
  }
  get byOperation() {
    return { ...this.data.byOperation };
  }
  get fieldsByOperation() {
    return { ...this.data.fieldsByOperation };
  }
  get rateLimited() {
    return this.data.rateLimited;
  }
  get faults() {
    return this.data.faults;
  }
  get faultsByKind() {
    return { ...this.data.faultsByKind };
  }
  get invalidDocuments() {
    return this.data.invalidDocuments;
  }
  get unauthorized() {
    return this.data.unauthorized;
  }
  get domainRequests() {
    return this.data.domainRequests;
  }

  snapshot(): CounterSnapshot {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = empty();
    this.log.length = 0;
  }

  countRequest(): void {
    this.data.requests++;
  }

  countOperations(fields: readonly string[]): void {
    for (const name of new Set(fields))
      this.data.byOperation[name] = (this.data.byOperation[name] ?? 0) + 1;
    for (const name of fields)
      this.data.fieldsByOperation[name] = (this.data.fieldsByOperation[name] ?? 0) + 1;
  }

  countRateLimited(): void {
    this.data.rateLimited++;
  }

  countFault(kind: FaultKind): void {
    this.data.faults++;
    this.data.faultsByKind[kind] = (this.data.faultsByKind[kind] ?? 0) + 1;
  }

  countInvalidDocument(): void {
    this.data.invalidDocuments++;
  }

  countUnauthorized(): void {
    this.data.unauthorized++;
  }

  countDomainRequest(): void {
    this.data.domainRequests++;
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > this.logSize) this.log.splice(0, this.log.length - this.logSize);
  }

  /** Most recent last. */
  requestLog(): RequestLogEntry[] {
    return this.log.map((e) => ({ ...e, operations: [...e.operations] }));
  }
}
