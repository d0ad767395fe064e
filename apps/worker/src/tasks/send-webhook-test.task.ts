import { NetworkError } from '@roundhouse/core';
import { defineTask } from '../define-task';
import { endpointSecret } from '../webhooks/endpoint-secret';
import { postWebhook } from '../webhooks/post-webhook';
import { recordEndpointOutcome } from '../webhooks/record-outcome';
import { workerDb } from '../worker-tables';

/**
 * The "send test" button: one signed `webhook.test` event to one endpoint (even a disabled one,
 * so its owner can check it before turning it on). The outcome is booked on the endpoint; a
 * failure fails the job with the reason.
 */
export const sendWebhookTestTask = defineTask('send_webhook_test', async (payload, ctx) => {
  const endpoint = await ctx.db
    .selectFrom('webhook_endpoints')
    .select(['id', 'user_id', 'url', 'secret_ciphertext'])
    .where('id', '=', payload.endpointId)
    .executeTakeFirst();
  if (!endpoint) {
    ctx.logger.info(payload, 'webhook endpoint no longer exists; test not sent');
    return;
  }
  const now = ctx.now();
  const result = await postWebhook(ctx.fetch, {
    url: endpoint.url,
    secret: endpointSecret(ctx.keyring, endpoint),
    event: {
      id: `test-${ctx.helpers.job.id}`,
      type: 'webhook.test',
      createdAt: now,
      data: { endpointId: endpoint.id, message: 'This is a test event from Roundhouse.' },
    },
    now,
  });
  await recordEndpointOutcome(workerDb(ctx.db), endpoint.id, result);
  if (!result.ok) {
    throw new NetworkError(
      `Test delivery to ${new URL(endpoint.url).host} failed: ${result.error}`,
    );
  }
});
