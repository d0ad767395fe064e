import { ERROR_CLASSES, type ErrorClass } from '@roundhouse/core';
import type { RouterOutputs } from '../../lib/types';

/** admin.stats shaped into the rows the overview's charts draw (pure, tested). */

export type FleetStats = RouterOutputs['admin']['stats'];

export interface DailyRow {
  day: string;
  succeeded: number;
  failed: number;
  /** Canceled or still in flight: started but neither succeeded nor failed. */
  other: number;
}

/** Deployments per day stacked by outcome; the three parts always add up to `started`. */
export function dailyOutcomes(daily: FleetStats['daily']): DailyRow[] {
  return daily.map(({ day, started, succeeded, failed }) => ({
    day,
    succeeded,
    failed,
    other: Math.max(0, started - succeeded - failed),
  }));
}

export const PHASES = ['queued', 'building', 'deploying', 'healthCheck'] as const;
export type PhaseKey = (typeof PHASES)[number];

/** Average seconds per phase, in pipeline order; phases with no data are left out. */
export function phaseSeconds(
  phaseMs: FleetStats['phaseMs'],
): { phase: PhaseKey; seconds: number }[] {
  return PHASES.flatMap((phase) => {
    const ms = phaseMs[phase];
    return ms === null ? [] : [{ phase, seconds: Math.round(ms / 100) / 10 }];
  });
}

/** Failed deployments per error class, most frequent first (ties by name, stable output). */
export function failuresByClass(
  errorsByClass: FleetStats['deployments']['errorsByClass'],
): { errorClass: string; count: number }[] {
  return Object.entries(errorsByClass)
    .map(([errorClass, { count }]) => ({ errorClass, count }))
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || a.errorClass.localeCompare(b.errorClass));
}

/** "2026-11-23" → a short label in the viewer's locale ("11/23", "11月23日"), read as UTC. */
export function dayLabel(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** admin.deployTimes' buckets (edges widened to numbers: the chart doesn't care which). */
export type DeployTimeBuckets = { fromS: number; toS: number | null; count: number }[];

/**
 * Histogram bars: "1m–2m" for a closed bucket, "≥ 20m" for the open last one; `duration`
 * formats milliseconds in the viewer's locale. All-zero data gives no bars (nothing to draw).
 */
export function deployTimeBars(
  buckets: DeployTimeBuckets,
  duration: (ms: number) => string,
): { label: string; count: number }[] {
  if (buckets.every((b) => b.count === 0)) return [];
  return buckets.map(({ fromS, toS, count }) => ({
    label:
      toS === null
        ? `≥ ${duration(fromS * 1000)}`
        : `${fromS === 0 ? '0' : duration(fromS * 1000)}–${duration(toS * 1000)}`,
    count,
  }));
}

/** Failures without a recorded class are reported as UNCLASSIFIED (admin.stats). */
export function isErrorClass(value: string): value is ErrorClass {
  return (ERROR_CLASSES as readonly string[]).includes(value);
}
