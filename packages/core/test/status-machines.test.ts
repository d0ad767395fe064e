import { describe, expect, it } from 'vitest';
import {
  DEPLOYMENT_STATUSES,
  INSTANCE_STATUSES,
  ORDER_STATUSES,
  SUBSCRIPTION_STATUSES,
} from '../src/enums';
import { ResourceError } from '../src/errors';
import {
  defineStateMachine,
  deploymentStatusMachine,
  instanceStatusMachine,
  orderStatusMachine,
  subscriptionStatusMachine,
  type StateMachine,
} from '../src/status';

/** The transition tables as specified, written out independently of the implementation. */
const SPEC: Array<{
  machine: StateMachine<string>;
  entity: string;
  states: readonly string[];
  allowed: Record<string, string[]>;
}> = [
  {
    machine: orderStatusMachine,
    entity: 'order',
    states: ORDER_STATUSES,
    allowed: {
      CREATED: ['PAID', 'CLOSED'],
      PAID: ['REFUNDED', 'PARTIALLY_REFUNDED'],
      PARTIALLY_REFUNDED: ['PARTIALLY_REFUNDED', 'REFUNDED'],
      CLOSED: ['PAID'],
      REFUNDED: [],
    },
  },
  {
    machine: subscriptionStatusMachine,
    entity: 'subscription',
    states: SUBSCRIPTION_STATUSES,
    allowed: {
      PENDING: ['ACTIVE', 'CANCELED', 'EXPIRED'],
      ACTIVE: ['ACTIVE', 'PAST_DUE', 'CANCELED'],
      PAST_DUE: ['ACTIVE', 'SUSPENDED', 'CANCELED'],
      SUSPENDED: ['ACTIVE', 'EXPIRED', 'CANCELED'],
      CANCELED: ['EXPIRED'],
      EXPIRED: [],
    },
  },
  {
    machine: instanceStatusMachine,
    entity: 'instance',
    states: INSTANCE_STATUSES,
    allowed: {
      PROVISIONING: ['DEPLOYING', 'FAILED', 'DELETING'],
      DEPLOYING: ['RUNNING', 'FAILED', 'DEGRADED', 'DELETING', 'SUSPENDED'],
      RUNNING: ['DEPLOYING', 'DEGRADED', 'FAILED', 'SUSPENDED', 'DELETING'],
      DEGRADED: ['RUNNING', 'DEPLOYING', 'FAILED', 'SUSPENDED', 'DELETING'],
      FAILED: ['PROVISIONING', 'DEPLOYING', 'DELETING', 'SUSPENDED'],
      SUSPENDED: ['DEPLOYING', 'DELETING'],
      DELETING: ['DELETED', 'FAILED'],
      DELETED: [],
    },
  },
  {
    machine: deploymentStatusMachine,
    entity: 'deployment',
    states: DEPLOYMENT_STATUSES,
    allowed: {
      QUEUED: ['BUILDING', 'DEPLOYING', 'CANCELED', 'FAILED', 'TIMED_OUT'],
      BUILDING: ['DEPLOYING', 'FAILED', 'CANCELED', 'TIMED_OUT'],
      DEPLOYING: ['HEALTH_CHECK', 'FAILED', 'CRASHED', 'CANCELED', 'TIMED_OUT'],
      HEALTH_CHECK: ['SUCCEEDED', 'FAILED', 'CRASHED', 'TIMED_OUT'],
      SUCCEEDED: ['CRASHED'],
      FAILED: [],
      CRASHED: [],
      CANCELED: [],
      TIMED_OUT: [],
    },
  },
];

describe.each(SPEC)('$entity status machine', ({ machine, entity, states, allowed }) => {
  it('knows exactly the states of the data model', () => {
    expect([...machine.states].sort()).toEqual([...states].sort());
    expect(machine.entity).toBe(entity);
  });

  it('allows every listed transition and throws on every other pair', () => {
    let checked = 0;
    for (const from of states) {
      for (const to of states) {
        const legal = allowed[from]!.includes(to);
        expect(machine.canTransition(from, to), `${from} → ${to}`).toBe(legal);
        if (legal) {
          expect(() => machine.assertTransition(from, to)).not.toThrow();
        } else {
          let thrown: unknown;
          try {
            machine.assertTransition(from, to);
          } catch (error) {
            thrown = error;
          }
          expect(thrown, `${from} → ${to}`).toBeInstanceOf(ResourceError);
          const error = thrown as ResourceError;
          expect(error.reason).toBe('ILLEGAL_TRANSITION');
          expect(error.message).toBe(`Illegal ${entity} transition ${from} → ${to}`);
          expect(error.details).toEqual({ entity, from, to });
        }
        checked++;
      }
    }
    expect(checked).toBe(states.length ** 2);
  });

  it('lists next states and terminal states from the table', () => {
    for (const from of states) {
      expect([...machine.nextStates(from)].sort()).toEqual([...allowed[from]!].sort());
      expect(machine.isTerminal(from)).toBe(allowed[from]!.length === 0);
    }
  });

  it('refuses values that are not states at all', () => {
    const [first] = states as [string];
    for (const [from, to] of [
      [first, 'BOGUS'],
      ['BOGUS', first],
      ['constructor', 'toString'],
      [first.toLowerCase(), first],
    ] as const) {
      expect(machine.canTransition(from, to)).toBe(false);
      expect(() => machine.assertTransition(from, to)).toThrow(ResourceError);
    }
  });
});

describe('defineStateMachine', () => {
  it('builds a machine from any table, treating states without exits as terminal', () => {
    const door = defineStateMachine<'OPEN' | 'CLOSED' | 'LOCKED' | 'GONE'>('door', {
      OPEN: ['CLOSED'],
      CLOSED: ['OPEN', 'LOCKED'],
      LOCKED: ['CLOSED', 'GONE'],
      GONE: [],
    });
    expect(door.nextStates('CLOSED')).toEqual(['OPEN', 'LOCKED']);
    expect(door.isTerminal('GONE')).toBe(true);
    expect(door.isTerminal('OPEN')).toBe(false);
    expect(() => door.assertTransition('OPEN', 'LOCKED')).toThrow(
      'Illegal door transition OPEN → LOCKED',
    );
  });

  it('hands out next-state lists a caller cannot use to change the machine', () => {
    const next = orderStatusMachine.nextStates('CREATED') as string[];
    expect(() => next.push('REFUNDED')).toThrow(TypeError);
    expect(orderStatusMachine.canTransition('CREATED', 'REFUNDED')).toBe(false);
  });
});
