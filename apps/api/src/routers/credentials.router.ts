import { CHANNEL_IDS } from '@roundhouse/core';
import {
  applyCredentials,
  deleteCredential,
  listCredentials,
  setCredentialEnabled,
  writeCredentials,
} from '@roundhouse/db/repositories/credentials';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure, requirePermission } from '../trpc';
import { auditActor } from './audit-actor';
import { credentialsResultDto, credentialDto, exportDocument } from './credentials.dto';
import { credentialWrite, importWrites, MAX_IMPORT_CHARS } from './credentials.input';

const read = protectedProcedure.use(requirePermission('credentials', 'read'));
const write = protectedProcedure.use(requirePermission('credentials', 'write'));

const bySubscription = z.object({ subscriptionId: z.uuid() });
/** Push the change to the live instance (a VARIABLES deployment) when it is running. */
const change = bySubscription.extend({ apply: z.boolean().default(true) });
const byChannel = change.extend({ channel: z.enum(CHANNEL_IDS) });
const values = z
  .record(z.string().max(64), z.string().max(4_096))
  .refine((record) => Object.keys(record).length <= 32, 'At most 32 fields');

/**
 * Channel credentials of the caller's subscriptions. Write-only: values are encrypted on arrival
 * and never returned; lists and exports show last 4 characters and fingerprints only.
 */
export const credentialsRouter = {
  list: read
    .input(bySubscription)
    .query(async ({ ctx, input }) =>
      (await listCredentials(ctx.db, { userId: ctx.user.id, ...input })).map(credentialDto),
    ),

  /** Creates or replaces one channel's credentials (and enables it). */
  set: write.input(byChannel.extend({ values })).mutation(async ({ ctx, input }) => {
    const prepared = credentialWrite(ctx.keyring, input.channel, input.values);
    const result = await ctx.db.transaction().execute((trx) =>
      writeCredentials(trx, {
        userId: ctx.user.id,
        subscriptionId: input.subscriptionId,
        apply: input.apply,
        by: auditActor(ctx),
        action: 'credentials.set',
        writes: [prepared],
      }),
    );
    return credentialsResultDto(result);
  }),

  enable: setEnabled(true),
  disable: setEnabled(false),

  delete: write
    .input(byChannel)
    .mutation(async ({ ctx, input }) =>
      credentialsResultDto(
        await ctx.db.transaction().execute((trx) => deleteCredential(trx, scope(ctx, input))),
      ),
    ),

  /** `{ "channels": { "TELEGRAM": {…}, … } }`, all or nothing. */
  importJson: write
    .input(change.extend({ document: z.string().min(1).max(MAX_IMPORT_CHARS) }))
    .mutation(async ({ ctx, input }) => {
      const writes = importWrites(ctx.keyring, input.document);
      const result = await ctx.db.transaction().execute((trx) =>
        writeCredentials(trx, {
          userId: ctx.user.id,
          subscriptionId: input.subscriptionId,
          apply: input.apply,
          by: auditActor(ctx),
          action: 'credentials.import',
          writes,
        }),
      );
      return credentialsResultDto(result);
    }),

  /** The masked credentials as a JSON document (no values: they never leave the server). */
  export: read
    .input(bySubscription)
    .query(async ({ ctx, input }) =>
      exportDocument(
        input.subscriptionId,
        await listCredentials(ctx.db, { userId: ctx.user.id, ...input }),
      ),
    ),

  /** Pushes the stored credentials to the running instance without changing them. */
  applyToInstance: write.input(bySubscription).mutation(async ({ ctx, input }) =>
    credentialsResultDto(
      await ctx.db.transaction().execute((trx) =>
        applyCredentials(trx, {
          userId: ctx.user.id,
          subscriptionId: input.subscriptionId,
          by: auditActor(ctx),
        }),
      ),
    ),
  ),
} satisfies TRPCRouterRecord;

/** `enable` and `disable`: the same mutation with the flag fixed. */
function setEnabled(enabled: boolean) {
  return write
    .input(byChannel)
    .mutation(async ({ ctx, input }) =>
      credentialsResultDto(
        await ctx.db
          .transaction()
          .execute((trx) => setCredentialEnabled(trx, { ...scope(ctx, input), enabled })),
      ),
    );
}

function scope(
  ctx: Parameters<typeof auditActor>[0] & { user: { id: string } },
  input: z.infer<typeof byChannel>,
) {
  return { userId: ctx.user.id, by: auditActor(ctx), ...input };
}
