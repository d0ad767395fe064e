/** A fapiao request as the form holds it. */
export interface FapiaoInput {
  title: string;
  taxpayerId: string;
  email: string;
}

export type FapiaoField = keyof FapiaoInput;
export type FapiaoProblem = 'required' | 'tooLong' | 'taxpayerId' | 'email';

// The server's rule (invoices.requestFapiao): 15, 18 or 20 uppercase letters and digits.
const TAXPAYER_ID = /^(?:[0-9A-Z]{15}|[0-9A-Z]{18}|[0-9A-Z]{20})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_TITLE = 100;

/** Trims, and uppercases the taxpayer id (people type it in lower case). */
export function normalizeFapiao(input: FapiaoInput): FapiaoInput {
  return {
    title: input.title.trim(),
    taxpayerId: input.taxpayerId.trim().toUpperCase(),
    email: input.email.trim(),
  };
}

/** Problems per field of the normalized input; empty when it may be sent. */
export function validateFapiao(input: FapiaoInput): Partial<Record<FapiaoField, FapiaoProblem>> {
  const problems: Partial<Record<FapiaoField, FapiaoProblem>> = {};
  if (!input.title) problems.title = 'required';
  else if (input.title.length > MAX_TITLE) problems.title = 'tooLong';
  if (!input.taxpayerId) problems.taxpayerId = 'required';
  else if (!TAXPAYER_ID.test(input.taxpayerId)) problems.taxpayerId = 'taxpayerId';
  if (!input.email) problems.email = 'required';
  else if (!EMAIL.test(input.email)) problems.email = 'email';
  return problems;
}
