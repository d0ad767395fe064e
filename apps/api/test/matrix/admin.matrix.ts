import { adminMutation as mutation, adminQuery as query } from './admin-entries';
import { defineMatrix } from './types';

const WEEK_MS = 7 * 86_400_000;

/** Admin procedures act on anyone's rows: the inputs name customer A's (or B's, for users). */
export const adminMatrix = defineMatrix([
  mutation('grantSubscription', (fx) => ({
    userId: fx.a.user.id,
    plan: 'BASIC',
    source: 'TRIAL',
    periodEnd: new Date(Date.now() + WEEK_MS),
  })),
  query('instances.list'),
  query('instances.detail', (fx) => ({ instanceId: fx.a.instance.id })),
  query('instances.needingAttention'),
  mutation('instances.healthCheck', (fx) => ({ instanceId: fx.a.instance.id })),
  mutation('instances.retry', (fx) => ({ instanceId: fx.a.failedInstance.id })),
  mutation('instances.suspend', (fx) => ({ instanceId: fx.a.instance.id, reason: 'matrix' })),
  mutation('instances.resume', (fx) => ({ instanceId: fx.a.instance.id })),
  query('stats'),
  query('deployTimes'),
  query('users.list'),
  mutation('users.ban', (fx) => ({ userId: fx.b.user.id, reason: 'matrix' })),
  mutation('users.unban', (fx) => ({ userId: fx.b.user.id })),
  mutation('users.setRole', (fx) => ({ userId: fx.b.user.id, role: 'user' })),
  query('auditLog.list'),
  query('orders.list'),
  query('refunds.list'),
]);
