import { ResourceError } from '@roundhouse/core';
import type { Db } from '@roundhouse/db';
import { recordAudit } from '@roundhouse/db/repositories/audit';
import { toApiKeyDto, type ApiKeyDto } from '../routers/api-keys.dto';
import type { Auth } from './auth';
import type { Permissions } from './permissions';

const DTO_COLUMNS = [
  'id',
  'name',
  'start',
  'permissions',
  'enabled',
  'createdAt',
  'lastRequest',
  'expiresAt',
] as const;

export interface NewApiKey {
  userId: string;
  name: string;
  permissions: Permissions;
  /** Null: never expires. */
  expiresInDays: number | null;
  ip: string | null;
}

/**
 * Mints a key through better-auth's api-key plugin (which hashes it; the plaintext exists only
 * in this response) and audits it. The plugin writes through its own connection, so the audit
 * cannot share its transaction: if the audit fails the key is deleted again, so no key exists
 * without its audit row.
 */
export async function createApiKey(
  services: { auth: Auth; db: Db },
  input: NewApiKey,
): Promise<ApiKeyDto & { key: string }> {
  const created = await services.auth.api.createApiKey({
    body: {
      userId: input.userId,
      name: input.name,
      permissions: input.permissions,
      expiresIn: input.expiresInDays === null ? null : input.expiresInDays * 86_400,
    },
  });
  try {
    await recordAudit(services.db, {
      actorType: 'USER',
      actorId: input.userId,
      action: 'api_keys.create',
      target: { type: 'api_key', id: created.id },
      ip: input.ip,
      details: { name: input.name, permissions: input.permissions },
    });
  } catch (error) {
    await services.db.deleteFrom('apikey').where('id', '=', created.id).execute();
    throw error;
  }
  return {
    ...toApiKeyDto({ ...created, permissions: JSON.stringify(input.permissions) }),
    key: created.key,
  };
}

export async function listApiKeys(db: Db, userId: string): Promise<ApiKeyDto[]> {
  const rows = await db
    .selectFrom('apikey')
    .select(DTO_COLUMNS)
    .where('referenceId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toApiKeyDto);
}

/** Deletes one of the user's keys (someone else's id is NOT_FOUND) and audits it, atomically. */
export async function revokeApiKey(
  db: Db,
  input: { userId: string; id: string; ip: string | null },
): Promise<ApiKeyDto> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('apikey')
      .where('id', '=', input.id)
      .where('referenceId', '=', input.userId)
      .returning(DTO_COLUMNS)
      .executeTakeFirst();
    if (!row) throw new ResourceError('API key not found', { reason: 'NOT_FOUND' });
    await recordAudit(trx, {
      actorType: 'USER',
      actorId: input.userId,
      action: 'api_keys.revoke',
      target: { type: 'api_key', id: row.id },
      ip: input.ip,
      details: { name: row.name },
    });
    return toApiKeyDto(row);
  });
}
