import type { AuditActor } from '@roundhouse/db/repositories/audit';
import type { ApiContext } from '../context';

export type { AuditActor };

/**
 * Who an audit entry names for a customer acting on their own resources: the user for a browser
 * session, the API key (whose owner better-auth records) for a service call.
 */
export function auditActor(ctx: Pick<ApiContext, 'caller' | 'ip'>): AuditActor {
  const { caller, ip } = ctx;
  if (caller.kind === 'apiKey') return { actorType: 'API_KEY', actorId: caller.apiKeyId, ip };
  if (caller.kind === 'session') return { actorType: 'USER', actorId: caller.user.id, ip };
  return { actorType: 'USER', actorId: null, ip };
}
