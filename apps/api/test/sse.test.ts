import type { Unsubscribable } from '@trpc/server/observable';
import { insertDeployment, insertInstance, insertSubscription } from '@roundhouse/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type SignedUp, type TestApi } from './harness';

// Subscriptions over server-sent events through the typed client, authenticated by API key.
let api: TestApi;
let customer: SignedUp;
let key: string;
beforeAll(async () => {
  api = await startTestApi();
  customer = await api.signUp();
  key = await api.createApiKey(customer.cookie, { instances: ['read'] });
});
afterAll(() => api?.close());

async function instanceWithLogs(status: 'SUCCEEDED' | 'BUILDING', lines: string[]) {
  const subscription = await insertSubscription(api.db, customer.userId, { status: 'ACTIVE' });
  const instance = await insertInstance(api.db, subscription, { status: 'DEPLOYING' });
  const deployment = await insertDeployment(api.db, instance.id, { status });
  await api.db
    .updateTable('instances')
    .set({ current_deployment_id: deployment.id })
    .where('id', '=', instance.id)
    .execute();
  if (lines.length > 0) {
    await api.db
      .insertInto('deployment_logs')
      .values(
        lines.map((message, seq) => ({
          deployment_id: deployment.id,
          seq,
          ts: new Date(),
          stream: 'build' as const,
          message,
        })),
      )
      .execute();
  }
  await api.db
    .updateTable('deployments')
    .set({ next_log_offset: lines.length })
    .where('id', '=', deployment.id)
    .execute();
  return instance;
}

interface Received {
  messages: string[];
  done: Promise<'complete' | Error>;
  subscription: Unsubscribable;
}

function follow(instanceId: string): Received {
  const messages: string[] = [];
  let settle: (value: 'complete' | Error) => void = () => {};
  const done = new Promise<'complete' | Error>((resolve) => (settle = resolve));
  const subscription = api.apiKeyClient(key).instances.logsStream.subscribe(
    { instanceId },
    {
      onData: (event) => messages.push(event.data.message),
      onComplete: () => settle('complete'),
      onError: (error) => settle(error),
    },
  );
  return { messages, done, subscription };
}

it('streams the log lines of a finished deployment, then completes', async () => {
  const instance = await instanceWithLogs('SUCCEEDED', ['one', 'two', 'three']);
  const received = follow(instance.id);
  expect(await received.done).toBe('complete');
  expect(received.messages).toEqual(['one', 'two', 'three']);
});

it('ends open streams when the server shuts down', async () => {
  const instance = await instanceWithLogs('BUILDING', ['compiling']);
  const received = follow(instance.id);
  await expect.poll(() => received.messages).toEqual(['compiling']);
  const started = Date.now();
  await api.server.close();
  expect(Date.now() - started).toBeLessThan(5_000);
  received.subscription.unsubscribe();
});
