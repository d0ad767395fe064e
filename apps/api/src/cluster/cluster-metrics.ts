import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { ApiMetrics, MetricsPage } from '../metrics/metrics';
import { isMessage } from './ipc-message';

/**
 * `/metrics` under node:cluster: whichever worker a scrape reaches, it answers for the whole
 * cluster. The worker asks the primary over IPC; the primary collects every worker's registry
 * (prom-client's AggregatorRegistry: counters and histogram buckets summed) and answers.
 */

const REQUEST = 'roundhouse:metrics-request';
const ANSWER = 'roundhouse:metrics-answer';
/** Longer than prom-client's own 5 s wait for the workers, so its timeout error is the one seen. */
const ANSWER_TIMEOUT_MS = 7_000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: number;
}

type MetricsAnswer = { type: typeof ANSWER; id: number } & (
  { page: MetricsPage } | { error: string }
);

/** Primary: answers the workers' requests with every worker's metrics summed. */
export function answerMetricsRequests(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage<MetricsRequest>(message, REQUEST)) return;
    const reply = (answer: MetricsAnswer) =>
      // A worker that exited meanwhile asks nothing any more: nothing to do with the error.
      worker.send(answer, () => {});
    aggregator.clusterMetrics().then(
      (body) =>
        reply({
          type: ANSWER,
          id: message.id,
          page: { contentType: aggregator.contentType, body },
        }),
      (error: unknown) => reply({ type: ANSWER, id: message.id, error: String(error) }),
    );
  });
}

/**
 * Worker: `metrics` whose scrape() answers for the whole cluster. Also makes this process answer
 * the primary's collection requests with `metrics.registry` (not prom-client's global registry).
 */
export function clusterWideMetrics(metrics: ApiMetrics): ApiMetrics {
  const send = process.send?.bind(process);
  if (!cluster.isWorker || !send) throw new Error('clusterWideMetrics runs in a cluster worker');
  AggregatorRegistry.setRegistries(metrics.registry);
  // Constructing one installs prom-client's listener for the primary's collection requests.
  void new AggregatorRegistry();

  const waiting = new Map<number, (answer: MetricsAnswer) => void>();
  let nextId = 0;
  process.on('message', (message: unknown) => {
    if (isMessage<MetricsAnswer>(message, ANSWER)) waiting.get(message.id)?.(message);
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
