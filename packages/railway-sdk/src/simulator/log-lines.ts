/**
 * What a deployment writes to its build and deploy logs, derived from its timeline so nothing is
 * stored: builder output while BUILDING (ending in an error line on a build failure), the
 * healthcheck, the app's start-up lines on every container start (including one that echoes a
 * *_TOKEN / *_KEY value, as real apps do), a heartbeat while running, and a stack trace on a crash.
 */
import { milestones, type Transition } from './state/deployment-status';
import type { DeploymentRec } from './state/records';

export type Severity = 'info' | 'warn' | 'error';

export interface LogLine {
  at: number;
  message: string;
  severity: Severity;
}

/** Lines produced every `period` ms over [from, to): generated on demand, never stored. */
export interface PeriodicLines {
  from: number;
  to: number;
  period: number;
  make(index: number): LogLine;
}

export interface LogScript {
  fixed: LogLine[];
  periodic: PeriodicLines[];
}

const SECRET_NAME = /(_TOKEN|_KEY)$/;

function spread(
  from: number,
  to: number,
  messages: string[],
  severity: Severity = 'info',
): LogLine[] {
  const step = Math.max(0, to - from) / (messages.length + 1);
  return messages.map((message, i) => ({
    at: Math.floor(from + step * (i + 1)),
    message,
    severity,
  }));
}

function builderSteps(d: DeploymentRec): string[] {
  const image = d.source.image;
  if (image) {
    const tagAt =
      image.lastIndexOf(':') > image.lastIndexOf('/') ? image.lastIndexOf(':') : image.length;
    return [
      `Pulling image ${image}`,
      `${image.slice(tagAt + 1) || 'latest'}: Pulling from ${image.slice(0, tagAt)}`,
      `Digest: ${d.imageDigest}`,
      `Status: Downloaded newer image for ${image}`,
    ];
  }
  const dockerfile = d.config.dockerfilePath;
  return [
    dockerfile ? `Using Detected Dockerfile ${dockerfile}` : 'Using Railpack',
    `[1/5] FROM docker.io/library/node:20-slim`,
    `[2/5] WORKDIR /app`,
    `[3/5] COPY . .`,
    `[4/5] RUN ${d.config.buildCommand ?? 'npm ci && npm run build'}`,
    `[5/5] RUN chown -R node:node /app`,
    `exporting to image ${d.imageDigest}`,
  ];
}

export function buildScript(d: DeploymentRec, steps: readonly Transition[]): LogScript {
  const m = milestones(d);
  const lines: LogLine[] = [
    {
      at: d.createdAt,
      message: `scheduling build on Metal builder "builder-${d.id.slice(0, 6)}"`,
      severity: 'info',
    },
  ];
  if (d.skipsBuild) {
    lines.push({
      at: m.queuedAt,
      message: `Using image ${d.imageDigest} from deployment ${d.rollbackOf}`,
      severity: 'info',
    });
  } else {
    lines.push(
      { at: m.buildAt, message: `[Region: ${d.config.region}]`, severity: 'info' },
      ...spread(m.buildAt, m.deployAt, builderSteps(d)),
    );
  }
  if (m.failedAt !== null) {
    const at = Math.max(m.buildAt, m.failedAt - 1);
    const command = d.config.buildCommand ?? 'npm ci && npm run build';
    lines.push(
      { at, message: 'npm error code ERESOLVE', severity: 'error' },
      {
        at,
        message: `ERROR: failed to build: process "/bin/sh -c ${command}" did not complete successfully: exit code: 1`,
        severity: 'error',
      },
    );
  }
  const healthcheckPath = d.config.healthcheckPath;
  if (healthcheckPath && m.successAt !== null) {
    lines.push(
      { at: m.deployAt, message: 'Starting Healthcheck', severity: 'info' },
      { at: m.deployAt, message: `Path: ${healthcheckPath}`, severity: 'info' },
      {
        at: m.deployAt,
        message: `Retry window: ${d.config.healthcheckTimeout ?? 300}s`,
        severity: 'info',
      },
      { at: m.successAt, message: '[1/1] Healthcheck succeeded!', severity: 'info' },
    );
  }
  const cut = steps.find((s) => s.status === 'REMOVED');
  return { fixed: cut ? lines.filter((l) => l.at < cut.at) : lines, periodic: [] };
}

function startupLines(d: DeploymentRec, from: number, to: number): LogLine[] {
  const port = d.variables.PORT ?? '8080';
  const secret = Object.entries(d.variables).find(
    ([name, value]) => SECRET_NAME.test(name) && value,
  );
  return [
    { at: from, message: 'Starting Container', severity: 'info' },
    ...spread(from, to, [
      `> ${d.source.image ?? d.source.repo} starting (${d.config.startCommand ?? 'default start command'})`,
      `[config] environment=${d.variables.RAILWAY_ENVIRONMENT_NAME ?? 'production'} replicas=${d.config.numReplicas}`,
      ...(secret ? [`[config] ${secret[0]}=${secret[1]}`] : []),
      `Server listening on http://0.0.0.0:${port}`,
    ]),
  ];
}

const STACK = [
  'Error: connect ECONNREFUSED 10.250.10.4:5432',
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)',
  '    at Pool.connect (/app/node_modules/pg-pool/index.js:45:11)',
  '    at async main (/app/dist/server.js:27:3)',
  'Process exited with code 1',
];

export function deployScript(
  d: DeploymentRec,
  steps: readonly Transition[],
  heartbeatMs: number,
): LogScript {
  const fixed: LogLine[] = [];
  const periodic: PeriodicLines[] = [];
  const stops = d.runEvents.filter((e) => e.kind === 'stop').map((e) => e.at);
  const stopIn = (from: number, to: number) => stops.find((at) => at >= from && at < to);
  /** A container still running when `step` begins is stopped by it. */
  const stillRunning = (i: number) => {
    const prev = steps[i - 1];
    return prev?.status === 'SUCCESS' && stopIn(prev.at, steps[i]!.at) === undefined;
  };
  steps.forEach((step, i) => {
    const next = steps[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    if (step.status === 'DEPLOYING') {
      if (stillRunning(i))
        fixed.push({ at: step.at, message: 'Stopping Container', severity: 'info' });
      fixed.push(...startupLines(d, step.at, Math.min(next, step.at + d.plan.phaseMs.deploying)));
    } else if (step.status === 'SUCCESS') {
      const stoppedAt = stopIn(step.at, next);
      const to = Math.min(next, stoppedAt ?? Number.POSITIVE_INFINITY);
      periodic.push({
        from: step.at + heartbeatMs,
        to,
        period: heartbeatMs,
        make: (index) => ({
          at: step.at + heartbeatMs * (index + 1),
          message: d.plan.unhealthy
            ? `[health] degraded: upstream timeout (uptime ${index + 1} intervals)`
            : `[heartbeat] ok (uptime ${index + 1} intervals)`,
          severity: d.plan.unhealthy ? 'warn' : 'info',
        }),
      });
      if (stoppedAt !== undefined)
        fixed.push({ at: stoppedAt, message: 'Stopping Container', severity: 'info' });
    } else if (step.status === 'CRASHED') {
      // Written in the last milliseconds before the process dies.
      const first = step.at - STACK.length + 1;
      fixed.push(
        ...STACK.map((message, k) => ({ at: first + k, message, severity: 'error' as const })),
      );
    } else if (step.status === 'REMOVED' && stillRunning(i)) {
      fixed.push({ at: step.at, message: 'Stopping Container', severity: 'info' });
    }
  });
  return { fixed, periodic };
}
