import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_STATUSES, type DeploymentStatus } from '../src/enums';
import { ConfigurationError } from '../src/errors';
import {
  DEFAULT_MEDIAN_PHASE_DURATIONS_MS,
  DEPLOYMENT_PHASES,
  DEPLOYMENT_PHASE_SHARES,
  deploymentPhaseRank,
  estimateProgress,
} from '../src/status';

const T0 = Date.UTC(2025, 0, 1);
const MEDIANS = { QUEUED: 1_000, BUILDING: 60_000, DEPLOYING: 20_000, HEALTH_CHECK: 10_000 };

function at(status: DeploymentStatus, elapsedMs: number, previousProgress?: number): number {
  return estimateProgress({
    status,
    phaseStartedAt: new Date(T0),
    now: new Date(T0 + elapsedMs),
    medianPhaseDurationsMs: MEDIANS,
    previousProgress,
  });
}

describe('estimateProgress', () => {
  it('starts at 0, follows elapsed/median inside a phase, and stops at the phase share', () => {
    expect(at('QUEUED', 0)).toBe(0);
    expect(at('BUILDING', 0)).toBe(5);
    expect(at('BUILDING', 30_000)).toBe(5 + Math.floor(55 / 2));
    expect(at('BUILDING', 600_000)).toBe(60);
    expect(at('DEPLOYING', 10_000)).toBe(60 + Math.floor(25 / 2));
    expect(at('HEALTH_CHECK', 0)).toBe(85);
  });

  it('never reaches 100 before SUCCEEDED and is 100 at SUCCEEDED', () => {
    expect(at('HEALTH_CHECK', 10 ** 9)).toBe(99);
    expect(at('HEALTH_CHECK', 10 ** 9, 100)).toBe(99);
    expect(at('SUCCEEDED', 0)).toBe(100);
    expect(at('SUCCEEDED', 0, 3)).toBe(100);
  });

  it('never goes below the stored progress', () => {
    expect(at('BUILDING', 0, 40)).toBe(40);
    // A stale poll that still says QUEUED after we showed BUILDING progress.
    expect(at('QUEUED', 0, 33)).toBe(33);
  });

  it('keeps the reached progress on failure outcomes', () => {
    for (const status of ['FAILED', 'CRASHED', 'CANCELED', 'TIMED_OUT'] as const) {
      expect(at(status, 5_000, 42)).toBe(42);
      expect(at(status, 5_000)).toBe(0);
    }
  });

  it('uses default medians, accepts epoch numbers, and treats unknown or future starts as now', () => {
    const halfBuild = DEFAULT_MEDIAN_PHASE_DURATIONS_MS.BUILDING / 2;
    expect(estimateProgress({ status: 'BUILDING', phaseStartedAt: T0, now: T0 + halfBuild })).toBe(
      5 + Math.floor(55 / 2),
    );
    expect(estimateProgress({ status: 'DEPLOYING', phaseStartedAt: null, now: T0 })).toBe(60);
    expect(estimateProgress({ status: 'DEPLOYING', phaseStartedAt: T0 + 5_000, now: T0 })).toBe(60);
  });

  it('clamps a corrupt stored progress into 0..100', () => {
    expect(at('QUEUED', 0, -5)).toBe(0);
    expect(at('QUEUED', 0, Number.NaN)).toBe(0);
    expect(at('BUILDING', 0, 12.7)).toBe(12);
  });

  it('refuses a median that is not a positive duration', () => {
    for (const median of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() =>
        estimateProgress({
          status: 'BUILDING',
          phaseStartedAt: T0,
          now: T0,
          medianPhaseDurationsMs: { BUILDING: median },
        }),
      ).toThrow(ConfigurationError);
    }
  });

  it('is monotonic, integral and below 100 until SUCCEEDED over random deployments', () => {
    let seed = 42;
    const random = () => {
      // mulberry32: a seeded generator keeps failures reproducible.
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const inflight = DEPLOYMENT_PHASES.slice(0, -1);
    for (let run = 0; run < 200; run++) {
      const medians = Object.fromEntries(inflight.map((p) => [p, 1 + random() * 120_000]));
      let now = T0;
      let phase = 0;
      let phaseStartedAt = now;
      let progress = 0;
      for (let poll = 0; poll < 40; poll++) {
        now += Math.floor(random() * 20_000);
        const roll = random();
        if (roll < 0.3) {
          // Advance, sometimes skipping a phase (Railway may go QUEUED → DEPLOYING).
          phase = Math.min(inflight.length - 1, phase + (random() < 0.2 ? 2 : 1));
          phaseStartedAt = now;
        }
        // Now and then a stale poll reports an earlier phase than we already saw.
        const reported = roll > 0.9 && phase > 0 ? inflight[phase - 1]! : inflight[phase]!;
        const next = estimateProgress({
          status: reported,
          phaseStartedAt,
          now,
          medianPhaseDurationsMs: medians,
          previousProgress: progress,
        });
        expect(Number.isInteger(next)).toBe(true);
        expect(next).toBeGreaterThanOrEqual(progress);
        expect(next).toBeLessThanOrEqual(99);
        progress = next;
      }
      expect(
        estimateProgress({
          status: 'SUCCEEDED',
          phaseStartedAt: now,
          now,
          previousProgress: progress,
        }),
      ).toBe(100);
    }
  });
});

describe('deployment phases', () => {
  it('orders QUEUED < BUILDING < DEPLOYING < HEALTH_CHECK < SUCCEEDED, failures unranked', () => {
    const ranks = ['QUEUED', 'BUILDING', 'DEPLOYING', 'HEALTH_CHECK', 'SUCCEEDED'].map((s) =>
      deploymentPhaseRank(s as DeploymentStatus),
    );
    expect(ranks).toEqual([0, 1, 2, 3, 4]);
    for (const status of DEPLOYMENT_STATUSES.filter(
      (s) => !DEPLOYMENT_PHASES.includes(s as never),
    )) {
      expect(deploymentPhaseRank(status)).toBeUndefined();
    }
  });

  it('splits 99 points between the in-flight phases, keeping 100 for SUCCEEDED', () => {
    expect(Object.values(DEPLOYMENT_PHASE_SHARES).reduce((a, b) => a + b, 0)).toBe(99);
  });
});
