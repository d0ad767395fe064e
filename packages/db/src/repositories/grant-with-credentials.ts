import type { Transaction } from 'kysely';
import type { Database } from '../schema/database';
import { type CredentialWrite, writeCredentials } from './credentials';
import { grantSubscription, type ProvisionResult } from './provisioning';

/**
 * The system grants a user a subscription whose instance can deploy without anyone typing a
 * key: grantSubscription, then `credentials`, in one transaction, so the clone job the grant
 * queued only runs once the credentials are there too. For development stacks and smoke runs.
 */
export async function grantWithCredentials(
  trx: Transaction<Database>,
  input: Omit<Parameters<typeof grantSubscription>[1], 'by'> & {
    credentials: readonly CredentialWrite[];
  },
): Promise<ProvisionResult> {
  const { credentials, ...grant } = input;
  const by = { actorType: 'SYSTEM' as const, actorId: null, ip: null };
  const granted = await grantSubscription(trx, { ...grant, by });
  await writeCredentials(trx, {
    userId: grant.userId,
    subscriptionId: granted.subscription.id,
    by,
    apply: false,
    action: 'credentials.set',
    writes: credentials,
  });
  return granted;
}
