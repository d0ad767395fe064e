import { defineMatrix } from './types';

export const subscriptionsMatrix = defineMatrix([
  {
    path: 'subscriptions.list',
    type: 'query',
    access: 'user',
    permission: ['subscriptions', 'read'],
  },
  {
    path: 'subscriptions.detail',
    type: 'query',
    access: 'user',
    permission: ['subscriptions', 'read'],
    ownedBy: 'A',
    input: (fx) => ({ subscriptionId: fx.a.subscription.id }),
  },
  {
    path: 'subscriptions.cancelAtPeriodEnd',
    type: 'mutation',
    access: 'user',
    permission: ['subscriptions', 'write'],
    ownedBy: 'A',
    input: (fx) => ({ subscriptionId: fx.a.subscription.id, cancel: true }),
  },
  {
    path: 'subscriptions.resume',
    type: 'mutation',
    access: 'user',
    permission: ['subscriptions', 'write'],
    ownedBy: 'A',
    input: (fx) => ({ subscriptionId: fx.a.subscription.id }),
  },
]);
