import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serializeAnswer } from '../src/transformer';

/**
 * serializeAnswer must write exactly what superjson writes (clients read answers with plain
 * superjson), for the shapes procedures return, and leave everything else to superjson.
 */
const date = (ms: number) => new Date(Date.UTC(2026, 10, 23) + ms);

const answers: Record<string, unknown> = {
  'a page of DTOs': {
    items: Array.from({ length: 3 }, (_, i) => ({
      id: `i${i}`,
      createdAt: date(i),
      deployment: {
        status: 'SUCCEEDED',
        finishedAt: i === 1 ? null : date(10 + i),
        error: undefined,
      },
      tags: ['a', i, true, null],
    })),
    nextCursor: null,
  },
  'nested arrays and empty containers': { a: [[date(1)], [], {}], b: {} },
  'no Dates at all': { ok: true, n: 1.5, s: 'x', list: [1, 2, 3] },
  'a Date at the root': date(7),
  'undefined at the root': undefined,
  'a string at the root': 'hello',
  'null at the root': null,
  'undefined inside an array': [undefined, date(3)],
};

/** Written like superjson; superjson reads it back as an ordinary object. */
const nullPrototype = Object.assign(Object.create(null) as object, { at: date(2) });

const general: Record<string, unknown> = {
  'a key with a dot': { 'a.b': date(1) },
  'a key with a backslash': { 'a\\b': 1 },
  'a Map': { m: new Map([['k', date(1)]]) },
  'a Set': new Set([1]),
  'a bigint': { n: 10n },
  'NaN and Infinity': { n: Number.NaN, i: Number.POSITIVE_INFINITY },
  'minus zero': { z: -0 },
  'an invalid Date': { d: new Date(Number.NaN) },
  'a class instance': { e: new Error('x') },
};

describe('serializeAnswer', () => {
  it('writes an object referenced twice twice; superjson reads both copies back', () => {
    const shared = { at: date(5), limits: [1, 2] };
    const value = { a: shared, b: [shared] };
    const wire = JSON.parse(JSON.stringify(serializeAnswer(value))) as Parameters<
      typeof superjson.deserialize
    >[0];
    expect(superjson.deserialize(wire)).toStrictEqual({ a: shared, b: [shared] });
  });

  const everything = { ...answers, 'an object without a prototype': nullPrototype, ...general };
  it.each(Object.entries(everything))('%s: exactly superjson', (_name, value) => {
    expect(serializeAnswer(value)).toStrictEqual(superjson.serialize(value));
  });

  it.each(Object.entries(answers))('%s: superjson reads it back as it was', (_name, value) => {
    const wire = JSON.parse(JSON.stringify(serializeAnswer(value))) as Parameters<
      typeof superjson.deserialize
    >[0];
    expect(superjson.deserialize(wire)).toStrictEqual(value);
  });
});
