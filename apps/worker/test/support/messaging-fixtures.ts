import { randomBytes } from 'node:crypto';
import { encrypt, envelopeKeyId, type Keyring } from '@roundhouse/crypto';
import type { Db } from '@roundhouse/db';
import {
  createWebhookEndpoint,
  type WebhookEvent,
} from '@roundhouse/db/repositories/webhook-endpoints';

/**
 * A webhook endpoint created through the account repository, sealed the way the api seals it
 * (AAD: webhook_endpoints / row id / secret_ciphertext). Returns its id and plaintext secret.
 */
export async function createEndpoint(
  db: Db,
  keyring: Keyring,
  input: { userId: string; url: string; events: WebhookEvent[] },
): Promise<{ id: string; secret: string }> {
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const view = await db.transaction().execute((trx) =>
    createWebhookEndpoint(trx, {
      ...input,
      description: null,
      seal: (rowId) => {
        const ciphertext = encrypt(keyring, secret, {
          table: 'webhook_endpoints',
          rowId,
          field: 'secret_ciphertext',
        });
        return { ciphertext, keyVersion: envelopeKeyId(ciphertext) };
      },
      by: { actorType: 'USER', actorId: input.userId, ip: null },
    }),
  );
  return { id: view.id, secret };
}
