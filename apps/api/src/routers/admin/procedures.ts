import { adminProcedure, requirePermission } from '../../trpc';
import type { ApiContext, AuthUser } from '../../context';
import type { AuditActor } from '../audit-actor';

/** Admin queries: admins, or an admin's API key holding `admin:read`. */
export const adminRead = adminProcedure.use(requirePermission('admin', 'read'));

/** Admin mutations: admins, or an admin's API key holding `admin:write`. */
export const adminWrite = adminProcedure.use(requirePermission('admin', 'write'));

/**
 * Who an admin change is recorded as: the admin for a browser session, the API key (its owner
 * is an admin, recorded by better-auth) for a service call.
 */
export function adminActor(
  ctx: Pick<ApiContext, 'caller' | 'ip'> & { user: AuthUser },
): AuditActor {
  if (ctx.caller.kind === 'apiKey') {
    return { actorType: 'API_KEY', actorId: ctx.caller.apiKeyId, ip: ctx.ip };
  }
  return { actorType: 'ADMIN', actorId: ctx.user.id, ip: ctx.ip };
}
