import { defineMatrix } from './types';

export const notificationsMatrix = defineMatrix([
  {
    path: 'notifications.list',
    type: 'query',
    access: 'user',
    permission: ['notifications', 'read'],
  },
  {
    path: 'notifications.unreadCount',
    type: 'query',
    access: 'user',
    permission: ['notifications', 'read'],
  },
  {
    path: 'notifications.markRead',
    type: 'mutation',
    access: 'user',
    permission: ['notifications', 'write'],
    ownedBy: 'A',
    input: (fx) => ({ ids: [fx.a.notification.id] }),
  },
  {
    path: 'notifications.emailPreferences',
    type: 'query',
    access: 'user',
    permission: ['notifications', 'read'],
  },
  {
    path: 'notifications.setEmailPreferences',
    type: 'mutation',
    access: 'user',
    permission: ['notifications', 'write'],
    input: () => ({ email: { billing: false } }),
  },
]);
