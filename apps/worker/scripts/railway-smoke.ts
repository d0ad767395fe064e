/**
 * `pnpm railway:smoke` — an operator's end-to-end check against the real Railway.
 *
 * Clones the template project into a throwaway Railway project through the worker's own clone
 * saga (the code that runs for customers), lets the worker's monitor reach a verdict (Railway
 * status, health check, smoke request), prints what it saw — ids, statuses, timings, Railway
 * request count — and deletes the project again, whatever happened.
 *
 *   RAILWAY_API_TOKEN=… pnpm railway:smoke --workspace <id> --template <project id> [--service <id>]
 *
 * Also read: RAILWAY_WORKSPACE_ID, RAILWAY_TEMPLATE_PROJECT_ID, RAILWAY_TEMPLATE_SERVICE_ID,
 * RAILWAY_API_URL, RAILWAY_PUBLIC_URL_TEMPLATE, SMOKE_TIMEOUT (ms, default 15 min), SMOKE_POLL
 * (ms between monitor polls, default 5 s) and SMOKE_DATABASE_URL (a scratch database; default a
 * throwaway embedded Postgres, so the run's bookkeeping rows — a placeholder customer with a
 * dummy model key — never touch the real one).
 * The last line printed is the report as JSON; the exit code is 0 only for a RUNNING instance
 * whose project was deleted afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateKey, parseKeyring } from '@roundhouse/crypto';
import { createDb, type Db, migrateToLatest, startEmbeddedPostgres } from '@roundhouse/db';
import { createRailwayClient } from '@roundhouse/railway-sdk';
import { pino } from 'pino';
import { DEFAULT_BILLING_CONFIG, type WorkerDeps } from '../src/deps';
import { runRailwaySmoke, type SmokeReport } from './railway-smoke-run';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string', default: process.env.RAILWAY_WORKSPACE_ID },
      template: { type: 'string', default: process.env.RAILWAY_TEMPLATE_PROJECT_ID },
      service: { type: 'string', default: process.env.RAILWAY_TEMPLATE_SERVICE_ID },
    },
  });
  const token = process.env.RAILWAY_API_TOKEN;
  const { workspace, template, service } = values;
  if (!token || !workspace || !template) {
    console.error(
      'railway:smoke needs RAILWAY_API_TOKEN, a workspace (--workspace or RAILWAY_WORKSPACE_ID) ' +
        'and a template project (--template or RAILWAY_TEMPLATE_PROJECT_ID)',
    );
    return 2;
  }
  return withSmokeDatabase(async (db) => {
    const deps: WorkerDeps = {
      db,
      railway: createRailwayClient({
        token,
        ...(process.env.RAILWAY_API_URL && { endpoint: process.env.RAILWAY_API_URL }),
        ...(process.env.RAILWAY_PUBLIC_URL_TEMPLATE && {
          publicUrlTemplate: process.env.RAILWAY_PUBLIC_URL_TEMPLATE,
        }),
      }),
      keyring: parseKeyring({ keys: `smoke:${generateKey()}` }),
      logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
      config: {
        appUrl: process.env.APP_URL ?? 'http://localhost:3000',
        railway: {
          workspaceId: workspace,
          templateProjectId: template,
          templateServiceId: service,
        },
        monitor: {
          checkIntervalMs: 5_000,
          alertThreshold: 3,
          deploymentTimeoutMs: 30 * 60_000,
          healthTimeoutMs: 10_000,
        },
        maxDeploymentAttempts: 3,
        billing: DEFAULT_BILLING_CONFIG,
      },
      now: () => new Date(),
      fetch: globalThis.fetch,
    };
    const timeout = Number(process.env.SMOKE_TIMEOUT ?? '') || undefined;
    const poll = Number(process.env.SMOKE_POLL ?? '') || undefined;
    const report = await runRailwaySmoke({
      deps,
      ...(timeout && { verdictTimeoutMs: timeout }),
      ...(poll && { pollMs: poll }),
    });
    printReport(report);
    return report.ok ? 0 : 1;
  });
}

/** SMOKE_DATABASE_URL, or a throwaway embedded Postgres that is removed afterwards. */
async function withSmokeDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const given = process.env.SMOKE_DATABASE_URL;
  const scratch = given ? undefined : await mkdtemp(path.join(tmpdir(), 'roundhouse-smoke-'));
  try {
    const database = scratch
      ? await startEmbeddedPostgres({ dataDir: scratch, persistent: false })
      : { url: given!, stop: async () => {} };
    const db = createDb(database.url, { applicationName: 'railway-smoke' });
    try {
      await migrateToLatest(db);
      return await fn(db);
    } finally {
      await db.destroy();
      await database.stop();
    }
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

function printReport(report: SmokeReport): void {
  const requests = Object.entries(report.railwayRequests.byOperation)
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ');
  const lines = [
    `project   ${report.projectName} (${report.projectId ?? 'not created'})`,
    `services  ${JSON.stringify(report.services)}`,
    `clone     ${report.timingsMs.clone} ms, deployment ${report.railwayDeploymentId ?? '-'}`,
    `verdict   ${report.deploymentStatus ?? '-'} / instance ${report.instanceStatus}` +
      `${report.timedOut ? ' (timed out)' : ''} after ${report.timingsMs.verdict} ms`,
    ...(report.error.message ? [`error     [${report.error.class}] ${report.error.message}`] : []),
    `public    ${report.publicUrl ?? '-'}`,
    `delete    ${report.projectDeleted ? 'project deleted' : 'PROJECT LEFT BEHIND'} in ${report.timingsMs.delete} ms`,
    `railway   ${report.railwayRequests.total} requests (${requests})`,
  ];
  console.log(lines.join('\n'));
  console.log(JSON.stringify(report));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
