import type { OrderStatus } from '../enums';
import { defineStateMachine } from './state-machine';

export const orderStatusMachine = defineStateMachine<OrderStatus>('order', {
  // Paid by a verified notification, or closed when the checkout expires / is abandoned.
  CREATED: ['PAID', 'CLOSED'],
  // A paid order can only be refunded, fully or in part.
  PAID: ['REFUNDED', 'PARTIALLY_REFUNDED'],
  // Further partial refunds stay here until the whole amount is returned.
  PARTIALLY_REFUNDED: ['PARTIALLY_REFUNDED', 'REFUNDED'],
  // A notification that arrives after we closed an expired order: the money was taken, so the
  // payment is honoured (or refunded from PAID) rather than ignored.
  CLOSED: ['PAID'],
  REFUNDED: [],
});
