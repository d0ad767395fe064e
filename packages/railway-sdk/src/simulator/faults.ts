/**
 * Fault injection for the GraphQL endpoint. A fault targets every request or only those selecting a
 * given root field, fires with a probability drawn from the simulator's seeded RNG, and optionally
 * only `count` times. Latency faults add up; of the other kinds the oldest matching one wins.
 */
import type { Rng } from './rng';

export type FaultKind =
  'latency' | '5xx' | '429' | 'timeout' | 'applied-response-lost' | 'graphql-error';

export interface FaultSpec {
  kind: FaultKind;
  /** Root field name (e.g. 'serviceCreate'); omitted = every request. */
  operation?: string;
  /** Probability 0..1 that a matching request is hit (default 1). */
  rate?: number;
  /** Fire at most this many times, then disappear. */
  count?: number;
  /** graphql-error: the error message (default 'Not Authorized'). */
  message?: string;
  /** latency: added delay. */
  latencyMs?: number;
  /** 5xx: the status (default 503). */
  status?: number;
  /** 429: Retry-After seconds (default 1); withHeaders false = an edge 429 with no headers at all. */
  retryAfterS?: number;
  withHeaders?: boolean;
  /** timeout: how long the request is held before the socket is dropped (default 120 s). */
  holdMs?: number;
  /** timeout: whether the operation executes before the response is withheld (default true). */
  applied?: boolean;
  /** applied-response-lost: drop the connection (default) or answer 502. */
  mode?: 'reset' | '502';
}

export interface ActiveFault extends FaultSpec {
  id: string;
  fired: number;
}

const KINDS: readonly FaultKind[] = [
  'latency',
  '5xx',
  '429',
  'timeout',
  'applied-response-lost',
  'graphql-error',
];

export function assertFaultSpec(spec: FaultSpec): void {
  if (!KINDS.includes(spec.kind))
    throw new RangeError(`fault kind must be one of ${KINDS.join(', ')}`);
  if (spec.rate !== undefined && !(spec.rate >= 0 && spec.rate <= 1)) {
    throw new RangeError('fault rate must be between 0 and 1');
  }
  if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count > 0)) {
    throw new RangeError('fault count must be a positive integer');
  }
  if (spec.kind === 'latency' && !(typeof spec.latencyMs === 'number' && spec.latencyMs >= 0)) {
    throw new RangeError('a latency fault needs latencyMs >= 0');
  }
  if (spec.status !== undefined && !(spec.status >= 500 && spec.status <= 599)) {
    throw new RangeError('a 5xx fault status must be 500..599');
  }
}

export type TerminalFault = ActiveFault & { kind: Exclude<FaultKind, 'latency'> };

export interface FaultPick {
  /** Added delay from the latency faults that fired (they combine with any other fault). */
  latencyMs: number;
  latencyFired: boolean;
  /** At most one fault that decides the response. */
  fault: TerminalFault | null;
}

function isTerminal(f: ActiveFault): f is TerminalFault {
  return f.kind !== 'latency';
}

export class Faults {
  private active: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly rng: Rng) {}

  inject(spec: FaultSpec): string {
    assertFaultSpec(spec);
    const id = `fault-${this.nextId++}`;
    this.active.push({ ...spec, id, fired: 0 });
    return id;
  }

  /** Removes one fault, or all of them. */
  clear(id?: string): void {
    this.active = id === undefined ? [] : this.active.filter((f) => f.id !== id);
  }

  list(): ActiveFault[] {
    return this.active.map((f) => ({ ...f }));
  }

  /** Decides what happens to a request selecting `rootFields`; consumes `count`s. */
  pick(rootFields: readonly string[]): FaultPick {
    let latencyMs = 0;
    let latencyFired = false;
    let fault: TerminalFault | null = null;
    for (const f of this.active) {
      if (f.operation !== undefined && !rootFields.includes(f.operation)) continue;
      if (isTerminal(f) && fault) continue;
      if (this.rng.next() >= (f.rate ?? 1)) continue;
      f.fired++;
      if (isTerminal(f)) fault = f;
      else {
        latencyMs += f.latencyMs ?? 0;
        latencyFired = true;
      }
    }
    this.active = this.active.filter((f) => f.count === undefined || f.fired < f.count);
    return { latencyMs, latencyFired, fault };
  }
}
