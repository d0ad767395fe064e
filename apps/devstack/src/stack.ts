/**
 * The development stack: embedded Postgres (migrated), the Railway simulator, the api, the
 * worker and the web app, seeded, with one "ready" line. Runs in its own process group (see
 * main.ts) so that Ctrl-C reaches only the supervisor, and the stack stops in order: children
 * (their graceful shutdown), then the simulator (its last snapshot), then Postgres.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDb, migrateToLatest, resolveDatabaseUrl } from '@roundhouse/db';
import { apiUrl, childEnvironments, webUrl } from './child-env';
import { startChild, type Child } from './child-process';
import { childSpecs } from './children';
import { credentialsMessage, writeCredentialsFile } from './credentials';
import { startDevSimulator } from './dev-simulator';
import { loadStackConfig } from './env';
import { prefixLine } from './log-format';
import { assertPortsFree } from './ports';
import { waitForHttp } from './readiness';
import { printOutboxMail } from './mail-printer';
import { seedDemoData } from './seeds';

/** The worker waits up to SHUTDOWN_TIMEOUT (30 s) for running jobs. */
const CHILD_GRACE_MS = 40_000;
const READY_TIMEOUT_MS = 180_000;

const write = (line: string) => process.stdout.write(`${line}\n`);
const log = (message: string) => write(prefixLine('stack', message));

const children: Child[] = [];
const cleanups: { name: string; run: () => Promise<void> }[] = [];
let stopping = false;

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`stopping (${reason})`);
  await Promise.all(children.map((child) => child.stop(CHILD_GRACE_MS)));
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup.run();
    } catch (error) {
      log(`stopping ${cleanup.name} failed: ${(error as Error).message}`);
      exitCode = exitCode || 1;
    }
  }
  log(exitCode === 0 ? 'stopped' : `stopped with exit code ${exitCode}`);
  process.exit(exitCode);
}

/** Throws once a shutdown began, so startup never starts something after cleanup ran. */
function ensureRunning(): void {
  if (stopping) throw new Error('stopping');
}

async function start(): Promise<void> {
  const startedAt = performance.now();
  const config = loadStackConfig();
  await assertPortsFree(config.ports);
  mkdirSync(config.dataDir, { recursive: true });
  log(`data directory ${config.dataDir}`);

  const database = await resolveDatabaseUrl({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'postgres'),
  });
  cleanups.push({ name: 'postgres', run: () => database.stop() });
  ensureRunning();
  const db = createDb(database.url, { applicationName: 'roundhouse-devstack' });
  cleanups.push({ name: 'database pool', run: () => db.destroy() });
  const { applied } = await migrateToLatest(db);
  log(`postgres (${database.source}) ready, ${applied.length} migration(s) applied`);
  const mail = printOutboxMail(db, write);
  cleanups.push({ name: 'mail printer', run: async () => mail.stop() });

  ensureRunning();
  const railway = await startDevSimulator(config.dataDir, config.ports.sim);
  cleanups.push({ name: 'railway simulator', run: () => railway.sim.close() });
  log(
    `railway simulator on ${railway.sim.baseUrl} (${railway.fresh ? 'new state' : 'state restored'} in ${railway.stateFile})`,
  );

  const envs = childEnvironments(config, database.url, railway.railway);
  for (const spec of childSpecs(config.repoRoot, envs)) {
    ensureRunning();
    const child = startChild(spec, write);
    children.push(child);
    void child.exited.then((code) => {
      if (!stopping) void shutdown(`${child.name} exited unexpectedly with code ${code}`, 1);
    });
  }
  if (!children.some((c) => c.name === 'web')) log('apps/web has no vite.config.ts: no web app');

  const alive = () => !stopping && children.every((c) => c.running);
  const wait = (url: string) => waitForHttp(url, { timeoutMs: READY_TIMEOUT_MS, alive });
  const hasWeb = children.some((c) => c.name === 'web');
  await Promise.all([
    wait(`${apiUrl(config)}/readyz`),
    wait(`http://127.0.0.1:${config.ports.worker}/healthz`),
    ...(hasWeb ? [wait(webUrl(config))] : []),
  ]);

  ensureRunning();
  const url = hasWeb ? webUrl(config) : apiUrl(config);
  const seeded = await seedDemoData({
    db,
    apiUrl: apiUrl(config),
    origin: webUrl(config),
    template: { projectId: railway.railway.templateProjectId, serviceId: null },
  });
  write(credentialsMessage(seeded, url));
  if (seeded.grantedInstanceId) {
    log(`the demo customer's instance ${seeded.grantedInstanceId} is being provisioned`);
  }
  if (config.e2e) writeCredentialsFile(config.dataDir, seeded);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  log(`Roundhouse is ready in ${seconds} s: open ${url} (Ctrl-C stops everything)`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void shutdown(signal, 0));
}
// A bug in the stack itself (the simulator runs in this process) must still stop the children.
process.on('uncaughtException', (error) => {
  log(`internal error: ${error.stack ?? error.message}`);
  void shutdown('internal error', 1);
});
// The supervisor (main.ts) is gone, e.g. killed: nobody could stop us any more.
process.once('disconnect', () => void shutdown('the start command went away', 0));

start().catch((error: unknown) => {
  if (stopping) return;
  log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown('start failed', 1);
});
