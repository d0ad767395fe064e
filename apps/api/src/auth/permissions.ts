import { z } from 'zod';

/**
 * What an API key may be allowed to do: a resource and read or write. Procedures declare theirs
 * with `requirePermission(resource, action)`; `admin` is only honoured for admin users.
 */
export const PERMISSION_RESOURCES = [
  'instances',
  'subscriptions',
  'credentials',
  'notifications',
  'webhooks',
  'admin',
] as const;
export type PermissionResource = (typeof PERMISSION_RESOURCES)[number];

export const PERMISSION_ACTIONS = ['read', 'write'] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

export type Permissions = Partial<Record<PermissionResource, PermissionAction[]>>;

/** `{ instances: ['read', 'write'], ... }`: known resources and actions only, none repeated. */
export const permissionsSchema = z
  .partialRecord(
    z.enum(PERMISSION_RESOURCES),
    z
      .array(z.enum(PERMISSION_ACTIONS))
      .min(1)
      .refine((actions) => new Set(actions).size === actions.length, 'Actions must not repeat'),
  )
  .refine((permissions) => Object.keys(permissions).length > 0, 'Grant at least one permission');
