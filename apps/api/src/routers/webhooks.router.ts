import { randomBytes } from 'node:crypto';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  queueWebhookTest,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  WEBHOOK_EVENTS,
} from '@roundhouse/db/repositories/webhook-endpoints';
import { sealer } from '@roundhouse/crypto';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { ApiContext } from '../context';
import { protectedProcedure, requirePermission } from '../trpc';
import { auditActor } from './audit-actor';
import { webhookEndpointDto } from './webhooks.dto';
import { checkWebhookUrl, webhookUrlPolicy } from './webhooks.url';

const read = protectedProcedure.use(requirePermission('webhooks', 'read'));
const write = protectedProcedure.use(requirePermission('webhooks', 'write'));

const byEndpoint = z.object({ endpointId: z.uuid() });
const url = z.string().trim().min(1).max(2_048);
const events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, 'Subscribe to at least one event')
  .max(WEBHOOK_EVENTS.length)
  .transform((list) => [...new Set(list)]);
const description = z.string().trim().max(200).nullable();

/** Outbound webhooks of the caller. The signing secret is shown once: on create and rotate. */
export const webhooksRouter = {
  /** The events an endpoint can subscribe to. */
  events: read.query(() => [...WEBHOOK_EVENTS]),

  list: read.query(async ({ ctx }) =>
    (await listWebhookEndpoints(ctx.db, ctx.user.id)).map(webhookEndpointDto),
  ),

  get: read
    .input(byEndpoint)
    .query(async ({ ctx, input }) =>
      webhookEndpointDto(await getWebhookEndpoint(ctx.db, { userId: ctx.user.id, ...input })),
    ),

  create: write
    .input(z.object({ url, events, description: description.default(null) }))
    .mutation(async ({ ctx, input }) => {
      const secret = newSecret();
      const endpoint = await ctx.db.transaction().execute((trx) =>
        createWebhookEndpoint(trx, {
          userId: ctx.user.id,
          url: checkWebhookUrl(input.url, webhookUrlPolicy(ctx.appUrl)),
          events: input.events,
          description: input.description || null,
          seal: sealSecret(ctx, secret),
          by: auditActor(ctx),
        }),
      );
      return { endpoint: webhookEndpointDto(endpoint), secret };
    }),

  update: write
    .input(
      byEndpoint
        .extend({
          url: url.optional(),
          events: events.optional(),
          description: description.optional(),
          enabled: z.boolean().optional(),
        })
        .refine(
          ({ endpointId: _, ...changes }) => Object.values(changes).some((v) => v !== undefined),
          'Nothing to change: pass url, events, description or enabled',
        ),
    )
    .mutation(async ({ ctx, input }) => {
      const { endpointId, url: newUrl, ...rest } = input;
      const checkedUrl =
        newUrl === undefined ? undefined : checkWebhookUrl(newUrl, webhookUrlPolicy(ctx.appUrl));
      const endpoint = await ctx.db.transaction().execute((trx) =>
        updateWebhookEndpoint(trx, {
          userId: ctx.user.id,
          endpointId,
          changes: {
            ...rest,
            ...(checkedUrl !== undefined && { url: checkedUrl }),
            ...(rest.description !== undefined && { description: rest.description || null }),
          },
          by: auditActor(ctx),
        }),
      );
      return webhookEndpointDto(endpoint);
    }),

  delete: write.input(byEndpoint).mutation(async ({ ctx, input }) => {
    const endpoint = await ctx.db
      .transaction()
      .execute((trx) =>
        deleteWebhookEndpoint(trx, { userId: ctx.user.id, ...input, by: auditActor(ctx) }),
      );
    return webhookEndpointDto(endpoint);
  }),

  /** A new signing secret, shown once; the old one stops working at once. */
  rotateSecret: write.input(byEndpoint).mutation(async ({ ctx, input }) => {
    const secret = newSecret();
    const endpoint = await ctx.db.transaction().execute((trx) =>
      rotateWebhookSecret(trx, {
        userId: ctx.user.id,
        ...input,
        seal: sealSecret(ctx, secret),
        by: auditActor(ctx),
      }),
    );
    return { endpoint: webhookEndpointDto(endpoint), secret };
  }),

  /** Queues a signed `webhook.test` delivery; the worker sends it. */
  sendTest: write.input(byEndpoint).mutation(async ({ ctx, input }) => {
    await ctx.db
      .transaction()
      .execute((trx) => queueWebhookTest(trx, { userId: ctx.user.id, ...input }));
    return { queued: true as const };
  }),
} satisfies TRPCRouterRecord;

/** 32 random bytes; the prefix makes a leaked secret recognisable to secret scanners. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function sealSecret(ctx: Pick<ApiContext, 'keyring'>, secret: string) {
  return sealer(ctx.keyring, 'webhook_endpoints', 'secret_ciphertext', secret);
}
