import { ConfigurationError } from '@roundhouse/core';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createDatabaseIfMissing, withAdminClient, withDatabaseName } from '../admin';
import { isInitialised, previousPort, runningServerPort } from './cluster-files';
import { withDirLock } from './dir-lock';
import { loadEmbeddedPostgres } from './load-embedded-postgres';
import { freePort, isPortFree } from './free-port';

export interface DatabaseHandle {
  /** Connection URL of the database. */
  url: string;
  /**
   * 'embedded': this process started the server; 'attached': another process had already
   * started it on the same data directory (its owner stops it); 'external': DATABASE_URL.
   */
  source: 'embedded' | 'attached' | 'external';
  /** Stops a server this process started (and deletes a non-persistent data dir); else no-op. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Default: the port this cluster used last time if free, else any free port. */
  port?: number;
  /** false: throwaway cluster, deleted on stop and run without fsync (tests). */
  persistent: boolean;
  /** Database to create if missing (default 'roundhouse'). */
  database?: string;
}

// Local-only server on 127.0.0.1: a fixed password keeps persistent clusters usable across runs.
const USER = 'postgres';
const PASSWORD = 'roundhouse';
const START_ATTEMPTS = 3;

function serverUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * Runs PostgreSQL 17 from the embedded-postgres binaries. Initialises the data directory once
 * (a persistent cluster is reused), starts it, and creates the database. If a server already
 * runs on `dataDir` (e.g. the worker started it before the api), attaches to it instead.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<DatabaseHandle> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'roundhouse';
  await mkdir(path.dirname(dataDir), { recursive: true });
  const started = await withDirLock(`${dataDir}.lock`, () => startOrAttach(dataDir, options));
  const url = withDatabaseName(serverUrl(started.port), database);
  try {
    await withAdminClient(serverUrl(started.port), (client) =>
      createDatabaseIfMissing(client, database),
    );
  } catch (error) {
    await started.stop();
    throw error;
  }
  return { url, source: started.source, stop: started.stop };
}

interface Started {
  port: number;
  source: 'embedded' | 'attached';
  stop(): Promise<void>;
}

async function startOrAttach(dataDir: string, options: EmbeddedPostgresOptions): Promise<Started> {
  const runningPort = await runningServerPort(dataDir);
  const initialised = await isInitialised(dataDir);
  if ((runningPort !== undefined || initialised) && !options.persistent) {
    // a throwaway cluster is deleted on stop: never let that be someone's existing data
    throw new ConfigurationError(
      `${dataDir} already holds a Postgres cluster; use persistent: true or an empty directory`,
    );
  }
  if (runningPort !== undefined) {
    return { port: runningPort, source: 'attached', stop: async () => {} };
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const logs: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await reusablePort(dataDir)) ?? (await freePort());
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: options.persistent,
      // Postgres refuses to run as root; the library then runs it as a 'postgres' OS user.
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: serverFlags(options.persistent),
      onLog: (message) => logs.push(String(message)),
      onError: (message) => logs.push(String(message)),
    });
    try {
      if (!(await isInitialised(dataDir))) await server.initialise();
      await server.start();
      return { port, source: 'embedded', stop: () => server.stop() };
    } catch {
      // another process may have taken the port between our check and the server's bind
      if (attempt < START_ATTEMPTS && options.port === undefined) continue;
      if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
      throw new ConfigurationError(
        `Embedded Postgres failed to start in ${dataDir}:\n${logs.join('').slice(-2000)}`,
      );
    }
  }
}

async function reusablePort(dataDir: string): Promise<number | undefined> {
  const port = await previousPort(dataDir);
  return port !== undefined && (await isPortFree(port)) ? port : undefined;
}

function serverFlags(persistent: boolean): string[] {
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'];
  // Throwaway test data gains nothing from crash safety; skipping it makes DDL-heavy tests fast.
  if (!persistent) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  return flags;
}
