import type { Apikey } from '@roundhouse/db';
import type { Permissions } from '../auth/permissions';

/** An API key as its owner sees it in lists: never the key or its hash. */
export interface ApiKeyDto {
  id: string;
  name: string | null;
  /** First characters of the key (including the `rh_` prefix), to recognise it. */
  start: string | null;
  permissions: Permissions;
  enabled: boolean;
  createdAt: Date;
  lastRequest: Date | null;
  expiresAt: Date | null;
}

export type ApiKeyRow = Pick<
  Apikey,
  'id' | 'name' | 'start' | 'permissions' | 'enabled' | 'createdAt' | 'lastRequest' | 'expiresAt'
>;

export function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    start: row.start,
    permissions: parsePermissions(row.permissions),
    enabled: row.enabled ?? true,
    createdAt: row.createdAt,
    lastRequest: row.lastRequest,
    expiresAt: row.expiresAt,
  };
}

/** The plugin stores permissions as JSON text; a row without any has none. */
function parsePermissions(text: string | null): Permissions {
  return text ? (JSON.parse(text) as Permissions) : {};
}
