/**
 * `npm start`. Runs the stack (stack.ts) in a process group of its own and relays Ctrl-C and
 * SIGTERM to it as one SIGTERM. Without that, Ctrl-C would reach every process of the terminal's
 * group at once, Postgres included, which would stop under the api and the worker while they
 * shut down. Exits with the stack's exit code.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const stack = spawn(
  process.execPath,
  [...process.execArgv, fileURLToPath(new URL('./stack.ts', import.meta.url))],
  { detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
);

let signalled = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C while stopping is ignored: the stack is already stopping in order.
    if (signalled) return;
    signalled = true;
    stack.kill('SIGTERM');
  });
}

stack.once('exit', (code, signal) => {
  // Normally empty by now; after a crash of the stack, its children are still in its group.
  try {
    process.kill(-stack.pid!, 'SIGTERM');
  } catch {
    // ESRCH: nothing left, as it should be.
  }
  process.exit(code ?? (signal ? 1 : 0));
});
