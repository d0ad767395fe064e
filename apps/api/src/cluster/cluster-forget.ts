import cluster from 'node:cluster';
import type { CallerCache } from '../auth/caller-cache';
import { isMessage } from './ipc-message';

/**
 * The caller cache's forgets under node:cluster: a sign-out, ban, unban, role change or key
 * revocation handled by one worker reaches every worker's cache at once (through the primary),
 * not only after the others' entries expire.
 */

const FORGET = 'roundhouse:forget';
type ForgetKind = 'user' | 'session' | 'apiKey';

interface ForgetMessage {
  type: typeof FORGET;
  kind: ForgetKind;
  id: string;
}

/** Primary: passes each worker's forget on to the other workers. */
export function relayForgets(): void {
  cluster.on('message', (from, message: unknown) => {
    if (!isMessage<ForgetMessage>(message, FORGET)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      // A worker exiting meanwhile needs to forget nothing: ignore a failed send.
      if (worker && worker !== from && worker.isConnected()) worker.send(message, () => {});
    }
  });
}

/** Worker: `local`, whose forgets also go to the other workers, and who applies theirs. */
export function clusterCallerCache(local: CallerCache): CallerCache {
  const send = process.send?.bind(process);
  if (!cluster.isWorker || !send) throw new Error('clusterCallerCache runs in a cluster worker');
  const forget = (kind: ForgetKind, id: string) => {
    if (kind === 'user') local.forgetUser(id);
    else if (kind === 'session') local.forgetSession(id);
    else local.forgetApiKey(id);
  };
  process.on('message', (message: unknown) => {
    if (isMessage<ForgetMessage>(message, FORGET)) forget(message.kind, message.id);
  });
  const everywhere = (kind: ForgetKind) => (id: string) => {
    forget(kind, id);
    send({ type: FORGET, kind, id } satisfies ForgetMessage);
  };
  return {
    resolve: local.resolve,
    forgetUser: everywhere('user'),
    forgetSession: everywhere('session'),
    forgetApiKey: everywhere('apiKey'),
  };
}
