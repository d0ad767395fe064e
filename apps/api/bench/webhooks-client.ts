import type { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { connection, send } from './http-client';

/**
 * bench:webhooks' "Alipay", in a child process of its own (forked by webhooks.ts): posts the
 * pre-signed notifications to /webhooks/alipay from `concurrency` kept-alive connections
 * (http-client.ts) that take the next delivery from one shared queue as soon as their previous one
 * is answered (a closed loop), and reports each delivery's latency (performance.now around the
 * POST and the read of the answer) and the CPU it spent itself.
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
  /** CPU this client process spent (user + system): it shares the cores with the server. */
  cpuMs: number;
}

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

async function run(plan: WebhookLoadPlan): Promise<WebhookLoadReport> {
  const endpoint = `${plan.url}/webhooks/alipay`;
  let failures = 0;
  let firstFailure: string | undefined;
  const connections = Array.from({ length: plan.concurrency }, connection);
  const post = async (delivery: Delivery, agent: Agent): Promise<void> => {
    const answer = await send(agent, endpoint, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: delivery.body,
    });
    if (answer.status !== 200 || answer.body !== 'success') {
      failures += 1;
      firstFailure ??= `${answer.status} ${answer.body.slice(0, 200)}`;
    }
  };
  /** Each connection takes the next delivery as soon as its previous one is answered. */
  const drain = async (
    queue: Delivery[],
    onEach: (delivery: Delivery, agent: Agent) => Promise<void> = post,
  ) => {
    let next = 0;
    await Promise.all(
      connections.map(async (agent) => {
        while (next < queue.length) await onEach(queue[next++]!, agent);
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
  const cpu = process.cpuUsage();
  await drain(plan.deliveries, async (delivery, agent) => {
    const id = delivery.notification;
    if (sent.has(id) && (inFlight.get(id) ?? 0) > 0) concurrentDuplicates += 1;
    sent.add(id);
    inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
    const begin = performance.now();
    try {
      await post(delivery, agent);
    } catch (error) {
      failures += 1;
      firstFailure ??= String(error);
    }
    latenciesMs.push(performance.now() - begin);
    inFlight.set(id, inFlight.get(id)! - 1);
  });
  const seconds = (performance.now() - start) / 1000;
  const spent = process.cpuUsage(cpu);
  const cpuMs = (spent.user + spent.system) / 1000;
  return { latenciesMs, seconds, failures, firstFailure, concurrentDuplicates, cpuMs };
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
