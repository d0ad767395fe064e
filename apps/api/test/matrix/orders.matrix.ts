import { defineMatrix } from './types';

export const ordersMatrix = defineMatrix([
  {
    path: 'orders.create',
    type: 'mutation',
    access: 'user',
    permission: ['subscriptions', 'write'],
    input: () => ({ plan: 'BASIC', provider: 'ALIPAY', currency: 'CNY' }),
  },
  {
    path: 'orders.list',
    type: 'query',
    access: 'user',
    permission: ['subscriptions', 'read'],
  },
  {
    path: 'orders.get',
    type: 'query',
    access: 'user',
    permission: ['subscriptions', 'read'],
    ownedBy: 'A',
    input: (fx) => ({ orderId: fx.a.order.id }),
  },
  {
    path: 'payments.status',
    type: 'query',
    access: 'user',
    permission: ['subscriptions', 'read'],
    ownedBy: 'A',
    input: (fx) => ({ orderId: fx.a.order.id }),
  },
]);
