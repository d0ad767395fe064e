import { adminMutation, adminQuery } from './admin-entries';
import { defineMatrix } from './types';

/** admin.billing: refunds and the fapiao queue, acting on customer A's order and invoice. */
export const adminBillingMatrix = defineMatrix([
  adminMutation('billing.refund', (fx) => ({ orderId: fx.a.order.id, reason: 'matrix' })),
  adminQuery('billing.fapiao.list'),
  adminMutation('billing.fapiao.issue', (fx) => ({
    invoiceId: fx.a.invoice.id,
    number: '12345678',
  })),
  adminMutation('billing.fapiao.fail', (fx) => ({ invoiceId: fx.a.invoice.id, reason: 'matrix' })),
]);
