/**
 * Closed value sets that only the data model knows (core's enums.ts has no counterpart yet).
 * Migrations repeat them as literal CHECK lists; test/enum-checks.test.ts keeps both in step.
 */
export const ORDER_KINDS = ['NEW', 'RENEWAL'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** What processing a payment notification did (payment_events.outcome). */
export const PAYMENT_EVENT_OUTCOMES = [
  'APPLIED',
  'DUPLICATE',
  'IGNORED',
  'REJECTED',
  'ERROR',
] as const;
export type PaymentEventOutcome = (typeof PAYMENT_EVENT_OUTCOMES)[number];

export const INVOICE_KINDS = ['INVOICE', 'CREDIT_NOTE'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** Progress of a Chinese fapiao request attached to an invoice. */
export const FAPIAO_STATUSES = ['NOT_REQUESTED', 'REQUESTED', 'ISSUED', 'FAILED'] as const;
export type FapiaoStatus = (typeof FAPIAO_STATUSES)[number];
