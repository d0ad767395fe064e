import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientError, startTestApi, type SignedUp, type TestApi } from './harness';
import { paidCustomer, pdfStrings, signUpAdmin } from './invoices-fixtures';
import { paidNotification, postAlipay } from './payments-fixtures';

/**
 * Invoices (issue 6): issued by settlement, numbered gaplessly per year, readable by their
 * owner (and admins) only, as data, a printable HTML page and a PDF.
 */
let api: TestApi;
let admin: SignedUp;

beforeAll(async () => {
  api = await startTestApi();
  admin = await signUpAdmin(api);
});
afterAll(() => api?.close());

async function invoicesOfOrder(orderId: string) {
  return api.db.selectFrom('invoices').selectAll().where('order_id', '=', orderId).execute();
}

describe('issued on payment', () => {
  it('one invoice per paid order, with buyer, plan, period, amount and the provider transaction', async () => {
    const { customer, order } = await paidCustomer(api);

    const { items, nextCursor } = await api.cookieClient(customer.cookie).invoices.list.query();

    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(1);
    const subscription = await api.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', order.subscription_id!)
      .executeTakeFirstOrThrow();
    const year = new Date().getUTCFullYear();
    expect(items[0]).toMatchObject({
      kind: 'INVOICE',
      number: expect.stringMatching(new RegExp(`^RH-${year}-\\d{6}$`)),
      buyer: { name: 'Test User', email: customer.email },
      plan: 'BASIC',
      planName: { en: 'Basic', zh: '基础版' },
      periodStart: subscription.current_period_start,
      periodEnd: subscription.current_period_end,
      amountMinor: order.amount_minor,
      currency: 'CNY',
      provider: 'SANDBOX',
      outTradeNo: order.out_trade_no,
      providerTxnId: order.provider_txn_id,
      orderId: order.id,
      fapiao: { status: 'NOT_REQUESTED' },
      links: { html: `/invoices/${items[0]!.id}.html`, pdf: `/invoices/${items[0]!.id}.pdf` },
    });
  });

  it('exactly one invoice under 50 concurrent deliveries of the payment', async () => {
    const customer = await api.signUp();
    const { order } = await api
      .cookieClient(customer.cookie)
      .orders.create.mutate({ plan: 'BASIC', provider: 'ALIPAY', currency: 'CNY' });
    const row = { out_trade_no: order.outTradeNo, amount_minor: order.amountMinor };
    const body = paidNotification(api, row);
    // The same notification redelivered, and the same trade told under other notify_ids.
    const bodies = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? body
        : paidNotification(api, row, { trade_no: new URLSearchParams(body).get('trade_no')! }),
    );

    const answers = await Promise.all(bodies.map((each) => postAlipay(api, each)));

    expect(answers.every((answer) => answer.status === 200 && answer.body === 'success')).toBe(
      true,
    );
    expect(await invoicesOfOrder(order.id)).toHaveLength(1);
  });

  it('numbers are gapless and yearly across concurrent payments', async () => {
    const paid = await Promise.all(Array.from({ length: 5 }, () => paidCustomer(api)));
    const invoices = await api.db
      .selectFrom('invoices')
      .select(['number', 'year', 'seq'])
      .orderBy('seq')
      .execute();
    const year = new Date().getUTCFullYear();
    expect(invoices.length).toBeGreaterThanOrEqual(paid.length);
    expect(invoices.map((invoice) => invoice.seq)).toEqual(invoices.map((_, i) => i + 1));
    for (const invoice of invoices) {
      expect(invoice).toEqual({
        number: `RH-${year}-${String(invoice.seq).padStart(6, '0')}`,
        year,
        seq: invoice.seq,
      });
    }
    const counter = await api.db
      .selectFrom('invoice_sequences')
      .selectAll()
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    expect(counter.last_value).toBe(invoices.length);
  });
});

describe('who may read an invoice', () => {
  it("customer B gets NOT_FOUND for A's invoice, over tRPC and HTTP; an admin reads it", async () => {
    const { customer: a, order } = await paidCustomer(api);
    const b = await api.signUp();
    const [invoice] = await invoicesOfOrder(order.id);

    const error = await clientError(
      api.cookieClient(b.cookie).invoices.get.query({ invoiceId: invoice!.id }),
    );
    expect(error?.code).toBe('NOT_FOUND');
    expect((await api.cookieClient(b.cookie).invoices.list.query()).items).toEqual([]);
    for (const format of ['html', 'pdf']) {
      const path = `/invoices/${invoice!.id}.${format}`;
      const asB = await api.fetch(path, { headers: { cookie: b.cookie } });
      expect(asB.status).toBe(404);
      expect(await asB.text()).not.toContain(invoice!.number);
      expect((await api.fetch(path)).status).toBe(401);
      expect((await api.fetch(path, { headers: { cookie: admin.cookie } })).status).toBe(200);
      expect((await api.fetch(path, { headers: { cookie: a.cookie } })).status).toBe(200);
    }
    const missing = await api.fetch('/invoices/00000000-0000-4000-8000-000000000000.pdf', {
      headers: { cookie: a.cookie },
    });
    expect(missing.status).toBe(404);
    expect(
      (await api.fetch('/invoices/not-an-id.pdf', { headers: { cookie: a.cookie } })).status,
    ).toBe(404);
  });
});

describe('documents', () => {
  it('the HTML page: bilingual by default, one language with ?lang, values escaped', async () => {
    const { customer, order } = await paidCustomer(api);
    await api.db
      .updateTable('invoices')
      .set({ buyer_name: '<script>alert(1)</script> 张三' })
      .where('order_id', '=', order.id)
      .execute();
    const [invoice] = await invoicesOfOrder(order.id);
    const get = (query = '') =>
      api.fetch(`/invoices/${invoice!.id}.html${query}`, { headers: { cookie: customer.cookie } });

    const both = await get();
    expect(both.headers.get('content-type')).toMatch(/^text\/html/);
    expect(both.headers.get('cache-control')).toBe('private, no-store');
    const page = await both.text();
    expect(page).toContain(invoice!.number);
    expect(page).toContain('Invoice / 账单');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 张三');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain(order.provider_txn_id!);
    expect(page).toContain('¥');

    const zh = await (await get('?lang=zh')).text();
    expect(zh).toContain('账单');
    expect(zh).not.toContain('Invoice');
    const en = await (await get('?lang=en')).text();
    expect(en).toContain('Invoice');
    expect(en).not.toContain('账单');
  });

  it('the PDF carries the number; a Chinese buyer name falls back to the email', async () => {
    const { customer, order } = await paidCustomer(api);
    await api.db
      .updateTable('invoices')
      .set({ buyer_name: '张三' })
      .where('order_id', '=', order.id)
      .execute();
    const [invoice] = await invoicesOfOrder(order.id);

    const response = await api.fetch(`/invoices/${invoice!.id}.pdf`, {
      headers: { cookie: customer.cookie },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="${invoice!.number}.pdf"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = pdfStrings(bytes);
    expect(text).toContain(`Invoice ${invoice!.number}`);
    expect(text).toContain(customer.email);
    expect(text).toContain(order.out_trade_no);
    expect(text).not.toContain('张三');
  });
});

describe('fapiao', () => {
  const request = (cookie: string, invoiceId: string, overrides: Record<string, string> = {}) =>
    api.cookieClient(cookie).invoices.requestFapiao.mutate({
      invoiceId,
      title: '上海示例科技有限公司',
      taxpayerId: '91310000MA1K00000X',
      email: 'finance@example.test',
      ...overrides,
    });

  it('request → REQUESTED once; the admin issues it, the customer is notified', async () => {
    const { customer, order } = await paidCustomer(api);
    const [invoice] = await invoicesOfOrder(order.id);

    const requested = await request(customer.cookie, invoice!.id);
    expect(requested.fapiao).toMatchObject({
      status: 'REQUESTED',
      title: '上海示例科技有限公司',
      taxpayerId: '91310000MA1K00000X',
      email: 'finance@example.test',
    });
    expect((await clientError(request(customer.cookie, invoice!.id)))?.code).toBe('CONFLICT');

    const adminClient = api.cookieClient(admin.cookie);
    const queue = await adminClient.admin.billing.fapiao.list.query();
    const requestedIds = queue.items
      .filter((item) => item.status === 'REQUESTED')
      .map((i) => i.invoiceId);
    expect(requestedIds).toContain(invoice!.id);
    // Open requests come first.
    expect(queue.items.slice(0, requestedIds.length).every((i) => i.status === 'REQUESTED')).toBe(
      true,
    );

    const issued = await adminClient.admin.billing.fapiao.issue.mutate({
      invoiceId: invoice!.id,
      number: '24312000000012345678',
    });
    expect(issued).toMatchObject({ status: 'ISSUED', number: '24312000000012345678' });
    expect(
      (
        await clientError(
          adminClient.admin.billing.fapiao.issue.mutate({
            invoiceId: invoice!.id,
            number: '99999999',
          }),
        )
      )?.code,
    ).toBe('CONFLICT');
    expect((await clientError(request(customer.cookie, invoice!.id)))?.code).toBe('CONFLICT');

    const notifications = await api.cookieClient(customer.cookie).notifications.list.query();
    expect(notifications.items[0]).toMatchObject({ type: 'invoice.fapiao_issued' });
    const audit = await api.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', invoice!.id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ action: 'admin.fapiao.issue', actor_id: admin.userId }),
    ]);
    const page = await api.fetch(`/invoices/${invoice!.id}.html`, {
      headers: { cookie: customer.cookie },
    });
    expect(await page.text()).toContain('24312000000012345678');
  });

  it('a failed request tells the customer why and may be asked again', async () => {
    const { customer, order } = await paidCustomer(api);
    const [invoice] = await invoicesOfOrder(order.id);
    await request(customer.cookie, invoice!.id);

    const failed = await api
      .cookieClient(admin.cookie)
      .admin.billing.fapiao.fail.mutate({ invoiceId: invoice!.id, reason: 'Unknown taxpayer id' });

    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'Unknown taxpayer id' });
    const notifications = await api.cookieClient(customer.cookie).notifications.list.query();
    expect(notifications.items[0]).toMatchObject({
      type: 'invoice.fapiao_failed',
      body: 'Unknown taxpayer id',
    });
    const again = await request(customer.cookie, invoice!.id, { taxpayerId: '110108000000016' });
    expect(again.fapiao).toMatchObject({ status: 'REQUESTED', failureReason: null });
  });

  it('validates the request and changes nothing on bad input', async () => {
    const { customer, order } = await paidCustomer(api);
    const [invoice] = await invoicesOfOrder(order.id);
    const b = await api.signUp();
    const bad: Record<string, string>[] = [
      { taxpayerId: '91310000ma1k00000x' },
      { taxpayerId: '91310000MA1K00000' },
      { taxpayerId: '9131-0000MA1K00000X' },
      { taxpayerId: '' },
      { title: '   ' },
      { email: 'not-an-email' },
    ];
    for (const overrides of bad) {
      const error = await clientError(request(customer.cookie, invoice!.id, overrides));
      expect(error?.code, JSON.stringify(overrides)).toBe('BAD_REQUEST');
    }
    expect((await clientError(request(b.cookie, invoice!.id)))?.code).toBe('NOT_FOUND');
    const row = await api.db
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', invoice!.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ fapiao_status: 'NOT_REQUESTED', fapiao_title: null });
    // 15, 18 and 20 characters are all taxpayer ids.
    await request(customer.cookie, invoice!.id, { taxpayerId: '1234567890ABCDEFGHIJ' });
  });

  it('admins cannot issue what was not requested', async () => {
    const { order } = await paidCustomer(api);
    const [invoice] = await invoicesOfOrder(order.id);
    const error = await clientError(
      api
        .cookieClient(admin.cookie)
        .admin.billing.fapiao.issue.mutate({ invoiceId: invoice!.id, number: '12345678' }),
    );
    expect(error?.code).toBe('CONFLICT');
  });
});
