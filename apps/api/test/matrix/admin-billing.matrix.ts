import { defineMatrix } from './types';

/** admin.billing: refunds and the fapiao queue, acting on customer A's order and invoice. */
export const adminBillingMatrix = defineMatrix([
  {
    path: 'admin.billing.refund',
    type: 'mutation',
    access: 'admin',
    permission: ['admin', 'write'],
    input: (fx) => ({ orderId: fx.a.order.id, reason: 'matrix' }),
  },
  {
    path: 'admin.billing.fapiao.list',
    type: 'query',
    access: 'admin',
    permission: ['admin', 'read'],
  },
  {
    path: 'admin.billing.fapiao.issue',
    type: 'mutation',
    access: 'admin',
    permission: ['admin', 'write'],
    input: (fx) => ({ invoiceId: fx.a.invoice.id, number: '12345678' }),
  },
  {
    path: 'admin.billing.fapiao.fail',
    type: 'mutation',
    access: 'admin',
    permission: ['admin', 'write'],
    input: (fx) => ({ invoiceId: fx.a.invoice.id, reason: 'matrix' }),
  },
]);
