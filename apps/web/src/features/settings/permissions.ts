import type { RouterInputs } from '../../lib/types';

/** The permission set `apiKeys.create` accepts, typed from the API so a drift fails the build. */
export type Permissions = RouterInputs['apiKeys']['create']['permissions'];
export type PermissionResource = keyof Permissions & string;
export type PermissionAction = NonNullable<Permissions[PermissionResource]>[number];

/** Every resource once, in the order the form lists them (checked against the API's type). */
export const PERMISSION_RESOURCES = [
  'instances',
  'subscriptions',
  'credentials',
  'notifications',
  'webhooks',
  'admin',
] as const satisfies readonly PermissionResource[];

type Missing = Exclude<PermissionResource, (typeof PERMISSION_RESOURCES)[number]>;
// A resource the API adds and the form does not list is a type error here.
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

export const PERMISSION_ACTIONS = ['read', 'write'] as const satisfies readonly PermissionAction[];

/** The resources a user may grant: `admin` only for admins (the API refuses it otherwise). */
export function grantableResources(role: string): PermissionResource[] {
  return PERMISSION_RESOURCES.filter((resource) => resource !== 'admin' || role === 'admin');
}

/**
 * Turns one checkbox on or off. Write implies read (a key that may change something but not
 * see it is of no use), so checking write checks read and unchecking read unchecks write.
 */
export function togglePermission(
  permissions: Permissions,
  resource: PermissionResource,
  action: PermissionAction,
  on: boolean,
): Permissions {
  const current = new Set(permissions[resource] ?? []);
  if (on) {
    current.add(action);
    if (action === 'write') current.add('read');
  } else {
    current.delete(action);
    if (action === 'read') current.delete('write');
  }
  const next: Permissions = { ...permissions };
  const actions = PERMISSION_ACTIONS.filter((a) => current.has(a));
  if (actions.length > 0) next[resource] = actions;
  else delete next[resource];
  return next;
}

export function hasPermission(
  permissions: Permissions,
  resource: PermissionResource,
  action: PermissionAction,
): boolean {
  return permissions[resource]?.includes(action) ?? false;
}

/** `[['instances', ['read', 'write']], …]` in form order, for compact display in the list. */
export function grantedList(permissions: Permissions): [PermissionResource, PermissionAction[]][] {
  return PERMISSION_RESOURCES.flatMap((resource) => {
    const actions = permissions[resource];
    return actions && actions.length > 0
      ? [[resource, actions] as [PermissionResource, PermissionAction[]]]
      : [];
  });
}
