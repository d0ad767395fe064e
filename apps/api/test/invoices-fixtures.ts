import { inflateSync } from 'node:zlib';
import type { Order } from '@roundhouse/db';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { SignedUp, TestApi } from './harness';
import { paidNotification, paymentState, postAlipay } from './payments-fixtures';

/** A customer whose BASIC order was paid through the sandbox's signed Alipay notification. */
export async function paidCustomer(
  api: TestApi,
  email?: string,
): Promise<{ customer: SignedUp; order: Order }> {
  const customer = await api.signUp(email);
  const { order } = await api
    .cookieClient(customer.cookie)
    .orders.create.mutate({ plan: 'BASIC', provider: 'ALIPAY', currency: 'CNY' });
  const row = await api.db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', order.id)
    .executeTakeFirstOrThrow();
  expect(await postAlipay(api, paidNotification(api, row))).toEqual({
    status: 200,
    body: 'success',
  });
  const paid = await api.db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', order.id)
    .executeTakeFirstOrThrow();
  return { customer, order: paid };
}

/** A signed-in admin: their cookie (tRPC client and documents) and user id. */
export async function signUpAdmin(api: TestApi): Promise<SignedUp> {
  const admin = await api.signUp();
  await api.makeAdmin(admin.userId);
  return admin;
}

/** Everything a refund can change, compared before and after refused ones. */
export async function billingState(api: TestApi) {
  const [payments, refunds, invoices, audit] = await Promise.all([
    paymentState(api.db),
    api.db.selectFrom('refunds').selectAll().orderBy('id').execute(),
    api.db.selectFrom('invoices').selectAll().orderBy('id').execute(),
    api.db.selectFrom('audit_log').select('id').orderBy('id').execute(),
  ]);
  return { ...payments, refunds, invoices, audit };
}

export async function jobsWithKey(api: TestApi, task: string, key: string): Promise<number> {
  const result = await sql<{ n: string }>`
    select count(*) as n from graphile_worker.jobs
    where task_identifier = ${task} and key = ${key}`.execute(api.db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * The text a PDF carries, without a PDF library: its (Flate) streams are inflated and every
 * string in them and in the uncompressed objects (the Info dictionary's title) is decoded.
 * Enough to prove a number is printed; not a general PDF parser.
 */
export function pdfStrings(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes);
  const parts = [raw.toString('latin1')];
  const text = raw.toString('latin1');
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      parts.push(inflateSync(raw.subarray(start, end)).toString('latin1'));
    } catch {
      // Not Flate-encoded (or not a stream we can read): its text, if any, is already in `raw`.
    }
  }
  const decoded: string[] = [];
  for (const part of parts) {
    for (const [, hex = ''] of part.matchAll(/<([0-9A-Fa-f\s]+)>/g)) {
      decoded.push(decodeHex(hex.replace(/\s/g, '')));
    }
    for (const [, literal = ''] of part.matchAll(/\(((?:[^()\\]|\\.)*)\)/g)) decoded.push(literal);
  }
  return decoded.join('\n');
}

function decodeHex(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  if (bytes[0] === 0xfe && bytes[1] === 0xff && bytes.length % 2 === 0)
    return bytes.subarray(2).swap16().toString('utf16le');
  return bytes.toString('latin1');
}
