/**
 * buildLogs / deploymentLogs: a window over a deployment's generated lines. With `startDate` the
 * oldest `limit` lines from there on are returned; without it the newest `limit` before `endDate`
 * (or now). startDate is inclusive, endDate exclusive. `filter` matches a substring of the message,
 * or `@level:<severity>`. Lines are returned oldest first, as Railway does.
 */
import {
  buildScript,
  deployScript,
  type LogLine,
  type LogScript,
  type PeriodicLines,
} from './log-lines';
import { timeline } from './state/deployment-status';
import type { DeploymentRec } from './state/records';
import type { Store } from './state/store';

export type LogKind = 'build' | 'deploy';

export interface LogWindow {
  startDate?: number | null;
  endDate?: number | null;
  limit?: number | null;
  filter?: string | null;
}

export interface LogEntry {
  message: string;
  timestamp: string;
  severity: string;
  attributes: { key: string; value: string }[];
  tags: {
    deploymentId: string;
    deploymentInstanceId: string;
    serviceId: string;
    environmentId: string;
    projectId: string;
  };
}

export const DEFAULT_LOG_LIMIT = 100;
export const MAX_LOG_LIMIT = 5000;

function matcher(filter: string | null | undefined): (line: LogLine) => boolean {
  const text = filter?.trim() ?? '';
  if (!text) return () => true;
  const level = /^@level:(\w+)$/.exec(text)?.[1];
  if (level) return (line) => line.severity === level.toLowerCase();
  const needle = text.toLowerCase();
  return (line) => line.message.toLowerCase().includes(needle);
}

/** Up to `limit` matching periodic lines in [from, to), from the requested end. */
function periodicInWindow(
  p: PeriodicLines,
  from: number,
  to: number,
  limit: number,
  newestFirst: boolean,
  accept: (line: LogLine) => boolean,
): LogLine[] {
  const lo = Math.max(p.from, from);
  const hi = Math.min(p.to, to);
  if (hi <= lo) return [];
  const first = Math.ceil((lo - p.from) / p.period);
  const last = Math.ceil((hi - p.from) / p.period) - 1;
  const out: LogLine[] = [];
  for (let k = 0; k <= last - first && out.length < limit; k++) {
    const line = p.make(newestFirst ? last - k : first + k);
    if (accept(line)) out.push(line);
  }
  return out;
}

/**
 * Gives every fixed line its own millisecond (a stack trace is written "at once"), so a client
 * paging with startDate = last timestamp + 1 ms loses nothing.
 */
function distinctTimes(lines: LogLine[]): LogLine[] {
  let previous = Number.NEGATIVE_INFINITY;
  return [...lines]
    .sort((a, b) => a.at - b.at)
    .map((line) => {
      const at = Math.max(line.at, previous + 1);
      previous = at;
      return at === line.at ? line : { ...line, at };
    });
}

export function scriptFor(
  store: Store,
  d: DeploymentRec,
  kind: LogKind,
  heartbeatMs: number,
): LogScript {
  const steps = timeline(d, store.newerThan(d));
  const script = kind === 'build' ? buildScript(d, steps) : deployScript(d, steps, heartbeatMs);
  return { ...script, fixed: distinctTimes(script.fixed) };
}

export function readLogs(
  store: Store,
  d: DeploymentRec,
  kind: LogKind,
  window: LogWindow,
  heartbeatMs: number,
): LogEntry[] {
  const limit = Math.min(Math.max(window.limit ?? DEFAULT_LOG_LIMIT, 0), MAX_LOG_LIMIT);
  if (limit === 0) return [];
  const from = window.startDate ?? Number.NEGATIVE_INFINITY;
  const to = Math.min(window.endDate ?? Number.POSITIVE_INFINITY, store.now() + 1);
  const oldestFirst = window.startDate !== null && window.startDate !== undefined;
  const accept = matcher(window.filter);
  const script = scriptFor(store, d, kind, heartbeatMs);
  const candidates = [
    ...script.fixed.filter((l) => l.at >= from && l.at < to && accept(l)),
    ...script.periodic.flatMap((p) => periodicInWindow(p, from, to, limit, !oldestFirst, accept)),
  ].sort((a, b) => a.at - b.at);
  const chosen = oldestFirst ? candidates.slice(0, limit) : candidates.slice(-limit);
  return chosen.map((line) => toEntry(d, line));
}

function toEntry(d: DeploymentRec, line: LogLine): LogEntry {
  return {
    message: line.message,
    timestamp: new Date(line.at).toISOString(),
    severity: line.severity,
    attributes: [
      { key: 'level', value: line.severity },
      { key: 'replica', value: d.replicaId },
    ],
    tags: {
      deploymentId: d.id,
      deploymentInstanceId: d.replicaId,
      serviceId: d.serviceId,
      environmentId: d.environmentId,
      projectId: d.projectId,
    },
  };
}
