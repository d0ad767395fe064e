/**
 * A worker process for the SIGKILL test: `node --import tsx kill-target.ts <databaseUrl>`. It
 * takes reconcile_orders jobs that never finish, prints `started <jobId>` when it has one, and
 * waits to be killed.
 */
import { parseKeyring, generateKey } from '@roundhouse/crypto';
import { createDb } from '@roundhouse/db';
import { createRailwayClient } from '@roundhouse/railway-sdk';
import { pino } from 'pino';
import { defineTask } from '../../src/define-task';
import { DEFAULT_BILLING_CONFIG } from '../../src/deps';
import { startRunner } from '../../src/runner';

const url = process.argv[2];
if (!url) throw new Error('usage: kill-target.ts <databaseUrl>');
const db = createDb(url, { max: 3 });
const forever = defineTask('reconcile_orders', async (_payload, ctx) => {
  process.stdout.write(`started ${ctx.helpers.job.id}\n`);
  await new Promise(() => {});
});
await startRunner({
  deps: {
    db,
    railway: createRailwayClient({ token: 'unused', endpoint: 'http://127.0.0.1:9/graphql' }),
    keyring: parseKeyring({ key: generateKey() }),
    logger: pino({ level: 'silent' }),
    config: {
      appUrl: 'http://127.0.0.1:3000',
      railway: { workspaceId: 'w', templateProjectId: 'p', templateServiceId: undefined },
      monitor: {
        checkIntervalMs: 1_000,
        alertThreshold: 3,
        deploymentTimeoutMs: 60_000,
        healthTimeoutMs: 1_000,
      },
      maxDeploymentAttempts: 3,
      billing: DEFAULT_BILLING_CONFIG,
    },
    now: () => new Date(),
    fetch: globalThis.fetch,
  },
  connectionString: url,
  tasks: [forever],
  concurrency: 1,
  schedules: false,
  pollIntervalMs: 100,
  recovery: { heartbeatMs: 200 },
});
