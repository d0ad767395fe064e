import { createServer } from 'node:net';
import type { StackConfig } from './env';

const VARIABLES: Record<keyof StackConfig['ports'], string> = {
  api: 'PORT',
  web: 'WEB_PORT',
  worker: 'WORKER_PORT',
  sim: 'SIM_PORT',
};

/** Fails before anything starts when a port is taken, naming the variable that moves it. */
export async function assertPortsFree(ports: StackConfig['ports']): Promise<void> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports) as [keyof typeof VARIABLES, number][]) {
    if (!(await isFree(port))) busy.push(`${port} (${name}; set ${VARIABLES[name]} to move it)`);
  }
  if (busy.length > 0) {
    throw new Error(`port(s) already in use: ${busy.join(', ')}. Is another stack running?`);
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // The api listens on every interface, so that is what must be free.
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
