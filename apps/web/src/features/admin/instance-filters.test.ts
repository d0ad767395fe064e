import { describe, expect, it } from 'vitest';
import {
  compact,
  nextSort,
  parseInstanceFilters,
  rangeProblem,
  toListInput,
} from './instance-filters';

describe('parseInstanceFilters (URL → filters)', () => {
  it('keeps valid values and drops defaults, blanks and garbage', () => {
    expect(
      parseInstanceFilters({
        status: 'FAILED,BOGUS,DEGRADED,FAILED',
        plan: 'PRO',
        user: '  a@b.test ',
        q: '',
        from: '2026-11-01',
        to: '2026-13-45x',
        sort: 'createdAt',
        dir: 'desc',
        extra: 'ignored',
      }),
    ).toEqual({ status: 'DEGRADED,FAILED', plan: 'PRO', user: 'a@b.test', from: '2026-11-01' });
  });

  it('refuses unknown plans, sorts and directions, and non-string values', () => {
    expect(
      parseInstanceFilters({ plan: 'GOLD', sort: 'name', dir: 'up', status: 42, q: { a: 1 } }),
    ).toEqual({});
  });

  it('round-trips: parsing its own output changes nothing', () => {
    const filters = parseInstanceFilters({ status: 'RUNNING', sort: 'status', dir: 'asc', q: 'x' });
    expect(parseInstanceFilters({ ...filters })).toEqual(filters);
  });
});

describe('toListInput (filters → admin.instances.list)', () => {
  it('maps every filter; an email goes to userEmail, anything else to userId', () => {
    const input = toListInput(
      {
        status: 'FAILED',
        plan: 'BASIC',
        user: 'x@y.test',
        q: 'shop',
        sort: 'updatedAt',
        dir: 'asc',
      },
      50,
    );
    expect(input).toEqual({
      limit: 50,
      statuses: ['FAILED'],
      plan: 'BASIC',
      userEmail: 'x@y.test',
      search: 'shop',
      sort: 'updatedAt',
      direction: 'asc',
    });
    expect(toListInput({ user: 'user_123' }, 10)).toMatchObject({ userId: 'user_123' });
  });

  it('defaults to newest first and sends nothing for absent filters', () => {
    expect(toListInput({}, 50)).toEqual({ limit: 50, sort: 'createdAt', direction: 'desc' });
  });

  it('turns inclusive local days into [from midnight, day-after-to midnight)', () => {
    const input = toListInput({ from: '2026-11-01', to: '2026-11-30' }, 50);
    expect(input?.createdFrom).toEqual(new Date(2026, 10, 1));
    expect(input?.createdTo).toEqual(new Date(2026, 11, 1));
  });
});

describe('sorting and range checks', () => {
  it('flips the direction of the active column, starts a new one descending', () => {
    expect(nextSort({}, 'createdAt')).toEqual({ dir: 'asc' });
    expect(nextSort({ dir: 'asc' }, 'createdAt')).toEqual({});
    expect(nextSort({ dir: 'asc' }, 'status')).toEqual({ sort: 'status' });
  });

  it('flags an end before the start', () => {
    expect(rangeProblem({ from: '2026-11-02', to: '2026-11-01' })).toBe('rangeInverted');
    expect(rangeProblem({ from: '2026-11-01', to: '2026-11-01' })).toBeNull();
  });

  it('compact leaves only what the admin chose', () => {
    expect(compact({ status: '', sort: 'createdAt', dir: 'desc', q: 'a' })).toEqual({ q: 'a' });
  });
});
