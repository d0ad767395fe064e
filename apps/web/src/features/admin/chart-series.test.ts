import { describe, expect, it } from 'vitest';
import {
  dailyOutcomes,
  dayLabel,
  deployTimeBars,
  failuresByClass,
  phaseSeconds,
} from './chart-series';

describe('chart series', () => {
  it('stacks each day into succeeded, failed and the rest, adding up to started', () => {
    const rows = dailyOutcomes([
      { day: '2026-11-22', started: 10, succeeded: 6, failed: 3 },
      { day: '2026-11-23', started: 0, succeeded: 0, failed: 0 },
    ]);
    expect(rows).toEqual([
      { day: '2026-11-22', succeeded: 6, failed: 3, other: 1 },
      { day: '2026-11-23', succeeded: 0, failed: 0, other: 0 },
    ]);
  });

  it('gives phase averages in seconds, in pipeline order, skipping missing ones', () => {
    expect(
      phaseSeconds({ queued: 20_000, building: null, deploying: 55_250, healthCheck: 25_000 }),
    ).toEqual([
      { phase: 'queued', seconds: 20 },
      { phase: 'deploying', seconds: 55.3 },
      { phase: 'healthCheck', seconds: 25 },
    ]);
  });

  it('orders failures by count, then name, without empty classes', () => {
    expect(
      failuresByClass({
        TIMEOUT: { count: 2, rate: 0.2 },
        NETWORK: { count: 2, rate: 0.2 },
        UNCLASSIFIED: { count: 5, rate: 0.5 },
        RESOURCE: { count: 0, rate: 0 },
      }),
    ).toEqual([
      { errorClass: 'UNCLASSIFIED', count: 5 },
      { errorClass: 'NETWORK', count: 2 },
      { errorClass: 'TIMEOUT', count: 2 },
    ]);
  });

  it('labels histogram buckets, the last one open; nothing to draw when all are empty', () => {
    const duration = (ms: number) => `${ms / 60_000}m`;
    const buckets = [
      { fromS: 0, toS: 60, count: 1 },
      { fromS: 60, toS: 120, count: 0 },
      { fromS: 120, toS: null, count: 3 },
    ];
    expect(deployTimeBars(buckets, duration)).toEqual([
      { label: '0–1m', count: 1 },
      { label: '1m–2m', count: 0 },
      { label: '≥ 2m', count: 3 },
    ]);
    expect(
      deployTimeBars(
        buckets.map((b) => ({ ...b, count: 0 })),
        duration,
      ),
    ).toEqual([]);
  });

  it('labels UTC days per locale, whatever the viewer’s time zone', () => {
    expect(dayLabel('2026-11-03', 'en-US')).toBe('11/3');
    expect(dayLabel('2026-11-03', 'zh-CN')).toBe('11/3');
  });
});
