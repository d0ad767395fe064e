import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * What a Postgres data directory tells about its cluster, read from the files the server keeps
 * there (PG_VERSION, postmaster.pid, postmaster.opts).
 */

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function isInitialised(dataDir: string): Promise<boolean> {
  return (await stat(path.join(dataDir, 'PG_VERSION')).catch(() => undefined)) !== undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the postgres user when we run as root)
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The port of a server that is running on this data directory now, if any. */
export async function runningServerPort(dataDir: string): Promise<number | undefined> {
  const pidFile = await readText(path.join(dataDir, 'postmaster.pid'));
  if (pidFile === undefined) return undefined;
  // line 1: postmaster pid, line 4: port (see PostgreSQL's pidfile.h)
  const [pid, , , port] = pidFile.split('\n').map((line) => Number.parseInt(line, 10));
  if (pid === undefined || port === undefined || Number.isNaN(pid) || Number.isNaN(port)) {
    return undefined;
  }
  return isAlive(pid) ? port : undefined;
}

/** The port the cluster was last started on, so a restarted dev server keeps its URL. */
export async function previousPort(dataDir: string): Promise<number | undefined> {
  const opts = await readText(path.join(dataDir, 'postmaster.opts'));
  const match = opts?.match(/"-p" "(\d+)"/);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 10);
}
