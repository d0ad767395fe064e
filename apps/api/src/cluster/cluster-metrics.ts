import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { ApiMetrics, MetricsPage } from '../metrics/metrics';
import { isMessage } from './ipc-message';

/**
 * `/metrics` under node:cluster: whichever worker a scrape reaches, it answers for the whole
 * cluster. The worker asks the primary over IPC; the primary collects the registry of every
 * worker that listens (counters and histogram buckets summed with prom-client's
 * AggregatorRegistry.aggregate) and answers. A worker that does not answer within
 * COLLECT_TIMEOUT_MS (dying, or just forked and not serving yet) is left out of that scrape
 * rather than failing it: a crash loop must not take the cluster's metrics down with it.
 */

const REQUEST = 'roundhouse:metrics-request';
const ANSWER = 'roundhouse:metrics-answer';
const COLLECT = 'roundhouse:metrics-collect';
const COLLECTED = 'roundhouse:metrics-collected';
const COLLECT_TIMEOUT_MS = 2_000;
/** Longer than the primary's collection, so a slow worker shows as missing, not as a failure. */
const ANSWER_TIMEOUT_MS = 5_000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: number;
}

type MetricsAnswer = { type: typeof ANSWER; id: number } & (
  { page: MetricsPage } | { error: string }
);

interface CollectRequest {
  type: typeof COLLECT;
  id: number;
}

interface Collected {
  type: typeof COLLECTED;
  id: number;
  metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
}

/** Primary: answers the workers' requests with the listening workers' metrics summed. */
export function answerMetricsRequests(): void {
  const listening = new Set<Worker>();
  cluster.on('listening', (worker) => listening.add(worker));
  cluster.on('exit', (worker) => listening.delete(worker));
  const collect = replies<Collected>(COLLECTED);
  let nextId = 0;

  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage<MetricsRequest>(message, REQUEST)) return;
    // A worker that exited meanwhile asks nothing any more: nothing to do with the error.
    const reply = (answer: MetricsAnswer) => worker.send(answer, () => {});
    const asked = [...listening].map((each) =>
      collect(each, { type: COLLECT, id: nextId++ } satisfies CollectRequest),
    );
    Promise.all(asked)
      .then(async (answers) => {
        const registry = AggregatorRegistry.aggregate(
          answers.flatMap((answer) => (answer ? [answer.metrics] : [])),
        );
        const page = { contentType: registry.contentType, body: await registry.metrics() };
        reply({ type: ANSWER, id: message.id, page });
      })
      .catch((error: unknown) => reply({ type: ANSWER, id: message.id, error: String(error) }));
  });
}

/**
 * Sends a request to a worker and resolves with its reply of `type` (matched by id), or
 * undefined when none came within COLLECT_TIMEOUT_MS.
 */
function replies<T extends { type: string; id: number }>(type: T['type']) {
  const waiting = new Map<number, (reply: T) => void>();
  cluster.on('message', (_worker, message: unknown) => {
    if (isMessage<T>(message, type)) waiting.get(message.id)?.(message);
  });
  return (worker: Worker, request: { type: string; id: number }) =>
    new Promise<T | undefined>((resolve) => {
      const done = (reply: T | undefined) => {
        clearTimeout(timer);
        waiting.delete(request.id);
        resolve(reply);
      };
      const timer = setTimeout(() => done(undefined), COLLECT_TIMEOUT_MS);
      waiting.set(request.id, done);
      worker.send(request, (error: Error | null) => error && done(undefined));
    });
}

/**
 * Worker: `metrics` whose scrape() answers for the whole cluster; this process also answers the
 * primary's collection requests with `metrics.registry`.
 */
export function clusterWideMetrics(metrics: ApiMetrics): ApiMetrics {
  const send = process.send?.bind(process);
  if (!cluster.isWorker || !send) throw new Error('clusterWideMetrics runs in a cluster worker');

  const waiting = new Map<number, (answer: MetricsAnswer) => void>();
  let nextId = 0;
  process.on('message', (message: unknown) => {
    if (isMessage<MetricsAnswer>(message, ANSWER)) waiting.get(message.id)?.(message);
    if (isMessage<CollectRequest>(message, COLLECT)) {
      void metrics.registry
        .getMetricsAsJSON()
        .then((collected) =>
          send({ type: COLLECTED, id: message.id, metrics: collected } satisfies Collected),
        );
    }
  });
  return {
    ...metrics,
    scrape: () =>
      new Promise<MetricsPage>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`no cluster metrics from the primary within ${ANSWER_TIMEOUT_MS} ms`));
        }, ANSWER_TIMEOUT_MS);
        waiting.set(id, (answer) => {
          clearTimeout(timer);
          waiting.delete(id);
          if ('page' in answer) resolve(answer.page);
          else reject(new Error(`cluster metrics failed: ${answer.error}`));
        });
        send({ type: REQUEST, id } satisfies MetricsRequest);
      }),
  };
}
