import { ResourceError } from '../errors';

/**
 * A status machine over a closed set of states. Status columns are only ever changed through
 * `assertTransition`, so an out-of-order event (a late webhook, a stale poll) is refused with a
 * clear error instead of silently moving an entity backwards.
 */
export interface StateMachine<S extends string> {
  /** Named in error messages, e.g. 'order'. */
  readonly entity: string;
  readonly states: readonly S[];
  /** False for illegal moves, and at runtime for values that are not states at all. */
  canTransition(from: S, to: S): boolean;
  /** Throws ResourceError with reason ILLEGAL_TRANSITION unless `canTransition(from, to)`. */
  assertTransition(from: S, to: S): void;
  nextStates(from: S): readonly S[];
  /** A state with no way out. */
  isTerminal(state: S): boolean;
}

/** `transitions` lists, for every state, the states it may move to (itself only if listed). */
export function defineStateMachine<S extends string>(
  entity: string,
  transitions: { readonly [K in S]: readonly S[] },
): StateMachine<S> {
  const table = new Map<string, ReadonlySet<string>>(
    Object.entries<readonly S[]>(transitions).map(([from, to]) => [from, new Set(to)]),
  );
  const states = Object.freeze([...table.keys()] as S[]);
  const canTransition = (from: S, to: S) => table.get(from)?.has(to) ?? false;

  return Object.freeze({
    entity,
    states,
    canTransition,
    assertTransition(from: S, to: S) {
      if (canTransition(from, to)) return;
      throw new ResourceError(`Illegal ${entity} transition ${from} → ${to}`, {
        reason: 'ILLEGAL_TRANSITION',
        details: { entity, from, to },
      });
    },
    nextStates: (from: S) => Object.freeze([...(table.get(from) ?? [])] as S[]),
    isTerminal: (state: S) => (table.get(state)?.size ?? 0) === 0,
  });
}
