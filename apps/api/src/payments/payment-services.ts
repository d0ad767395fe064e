import {
  createPaymentAdapters,
  type PaymentAdapters,
  type PaymentsConfig,
} from '@roundhouse/payments';
import { fixedWindowLimiter, type RateLimiter } from './rate-limit';

/** Orders one user may open per minute. */
export const ORDER_CREATE_LIMIT = 10;

/** The payment side of the API's services: the providers' adapters and checkout's limiter. */
export interface PaymentServices extends PaymentAdapters {
  orderCreateLimiter: RateLimiter;
}

/** Without a config (tests): sandbox mode with a key pair generated for this process. */
export function createPaymentServices(
  config: PaymentsConfig | undefined,
  appUrl: string,
): PaymentServices {
  return {
    ...createPaymentAdapters(config, appUrl),
    orderCreateLimiter: fixedWindowLimiter(ORDER_CREATE_LIMIT, 60_000),
  };
}
