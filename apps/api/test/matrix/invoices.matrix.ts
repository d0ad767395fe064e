import { defineMatrix } from './types';

export const invoicesMatrix = defineMatrix([
  {
    path: 'invoices.list',
    type: 'query',
    access: 'user',
    permission: ['subscriptions', 'read'],
  },
  {
    path: 'invoices.get',
    type: 'query',
    access: 'user',
    permission: ['subscriptions', 'read'],
    ownedBy: 'A',
    input: (fx) => ({ invoiceId: fx.a.invoice.id }),
  },
  {
    path: 'invoices.requestFapiao',
    type: 'mutation',
    access: 'user',
    permission: ['subscriptions', 'write'],
    ownedBy: 'A',
    input: (fx) => ({
      invoiceId: fx.a.invoice.id,
      title: 'Matrix Ltd',
      taxpayerId: '91310000MA1K00000X',
      email: 'finance@example.test',
    }),
  },
]);
