import { defineMatrix } from './types';

export const paymentsMatrix = defineMatrix([
  { path: 'payments.providers', type: 'query', access: 'public' },
]);
