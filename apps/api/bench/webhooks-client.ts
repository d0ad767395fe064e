import { performance } from 'node:perf_hooks';

/**
 * bench:webhooks' "Alipay", in a child process of its own (forked by webhooks.ts): posts the
 * pre-signed notifications to /webhooks/alipay from `concurrency` connections that take the next
 * delivery from one shared queue as soon as their previous one is answered (a closed loop), and
 * reports each delivery's latency (performance.now around the POST and the read of the answer).
 */

export interface Delivery {
  /** Which distinct notification this is: redeliveries share their original's. */
  notification: number;
  body: string;
}

export interface WebhookLoadPlan {
  url: string;
  concurrency: number;
  /** Sent first, not measured. */
  warmup: Delivery[];
  deliveries: Delivery[];
}

export interface WebhookLoadReport {
  latenciesMs: number[];
  seconds: number;
  /** Answers other than Alipay's exact `200 success`. */
  failures: number;
  firstFailure?: string;
  /** Redeliveries sent while their original's answer was still outstanding. */
  concurrentDuplicates: number;
}

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

async function run(plan: WebhookLoadPlan): Promise<WebhookLoadReport> {
  const endpoint = `${plan.url}/webhooks/alipay`;
  let failures = 0;
  let firstFailure: string | undefined;
  const post = async (delivery: Delivery): Promise<void> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: delivery.body,
    });
    const answer = await response.text();
    if (response.status !== 200 || answer !== 'success') {
      failures += 1;
      firstFailure ??= `${response.status} ${answer.slice(0, 200)}`;
    }
  };
  const drain = async (queue: Delivery[], onEach?: (delivery: Delivery) => Promise<void>) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: plan.concurrency }, async () => {
        while (next < queue.length) {
          const delivery = queue[next++]!;
          await (onEach ? onEach(delivery) : post(delivery));
        }
      }),
    );
  };

  await drain(plan.warmup);
  failures = 0;

  const latenciesMs: number[] = [];
  const inFlight = new Map<number, number>();
  const sent = new Set<number>();
  let concurrentDuplicates = 0;
  const start = performance.now();
  await drain(plan.deliveries, async (delivery) => {
    const id = delivery.notification;
    if (sent.has(id) && (inFlight.get(id) ?? 0) > 0) concurrentDuplicates += 1;
    sent.add(id);
    inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
    const begin = performance.now();
    try {
      await post(delivery);
    } catch (error) {
      failures += 1;
      firstFailure ??= String(error);
    }
    latenciesMs.push(performance.now() - begin);
    inFlight.set(id, inFlight.get(id)! - 1);
  });
  const seconds = (performance.now() - start) / 1000;
  return { latenciesMs, seconds, failures, firstFailure, concurrentDuplicates };
}

process.once('message', (plan: WebhookLoadPlan) => {
  run(plan).then(
    // exit explicitly: idle keep-alive sockets would keep the process (and the bench) alive
    (report) => process.send?.(report, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
