import { z } from 'zod';

/**
 * A fapiao request. The taxpayer id is China's unified social credit code (18) or an older tax
 * registration number (15 or 20), in uppercase letters and digits.
 */
export const fapiaoRequestInput = z
  .object({
    invoiceId: z.uuid(),
    title: z.string().trim().min(1).max(100),
    taxpayerId: z
      .string()
      .trim()
      .regex(
        /^(?:[0-9A-Z]{15}|[0-9A-Z]{18}|[0-9A-Z]{20})$/,
        'The taxpayer id is 15, 18 or 20 uppercase letters and digits',
      ),
    email: z.email().max(254),
  })
  .strict();
