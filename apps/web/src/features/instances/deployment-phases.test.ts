import { describe, expect, it } from 'vitest';
import {
  elapsedMs,
  liveProgress,
  phaseSteps,
  remainingMs,
  type ProgressDeployment,
} from './deployment-phases';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

const deployment = (over: Partial<ProgressDeployment> = {}): ProgressDeployment => ({
  status: 'BUILDING',
  progress: 10,
  phase: 'BUILDING',
  phases: {
    queuedAt: t0,
    buildingAt: at(5),
    deployingAt: null,
    healthCheckAt: null,
    finishedAt: null,
  },
  ...over,
});
const states = (d: ProgressDeployment) => phaseSteps(d).map((s) => `${s.phase}:${s.state}`);

describe('phaseSteps', () => {
  it('marks earlier phases done and the current one in progress', () => {
    expect(states(deployment())).toEqual([
      'QUEUED:done',
      'BUILDING:current',
      'DEPLOYING:pending',
      'HEALTH_CHECK:pending',
      'SUCCEEDED:pending',
    ]);
  });

  it('marks the phase a failed deployment stopped in as failed', () => {
    const failed = deployment({ status: 'FAILED', phase: 'BUILDING' });
    expect(states(failed)).toEqual([
      'QUEUED:done',
      'BUILDING:failed',
      'DEPLOYING:pending',
      'HEALTH_CHECK:pending',
      'SUCCEEDED:pending',
    ]);
  });

  it('marks every phase done once it succeeded', () => {
    const done = deployment({ status: 'SUCCEEDED', phase: 'SUCCEEDED', progress: 100 });
    expect(states(done).every((s) => s.endsWith(':done'))).toBe(true);
  });
});

describe('timing', () => {
  it('counts elapsed time from queued to now, or to finished once over', () => {
    expect(elapsedMs(deployment(), at(30).getTime())).toBe(30_000);
    const over = deployment({
      status: 'SUCCEEDED',
      phase: 'SUCCEEDED',
      phases: { ...deployment().phases, finishedAt: at(100) },
    });
    expect(elapsedMs(over, at(500).getTime())).toBe(100_000);
  });

  it('estimates what is left from the phase medians, never negative', () => {
    // BUILDING median 90 s, 25 s in → 65 s + DEPLOYING 30 s + HEALTH_CHECK 10 s.
    expect(remainingMs(deployment(), at(30).getTime())).toBe(105_000);
    // Far over the median: only the later phases remain.
    expect(remainingMs(deployment(), at(1000).getTime())).toBe(40_000);
    expect(remainingMs(deployment({ status: 'FAILED' }), at(30).getTime())).toBeNull();
  });

  it('moves the bar between polls but never below the stored progress', () => {
    const d = deployment({ progress: 30 });
    expect(liveProgress(d, at(5).getTime())).toBe(30);
    expect(liveProgress(d, at(50).getTime())).toBeGreaterThan(30);
    expect(liveProgress(deployment({ status: 'SUCCEEDED', phase: 'SUCCEEDED' }), 0)).toBe(100);
  });
});
