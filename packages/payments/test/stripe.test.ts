import { describe, expect, it } from 'vitest';
import {
  checkoutCompletedEvent,
  invoicePaidEvent,
  NotificationRejectedError,
  type ProviderNotification,
  type RejectionReason,
  signStripeBody,
  signStripeEvent,
  STRIPE_TOLERANCE_SECONDS,
  stripeAdapter,
  subscriptionDeletedEvent,
} from '../src';

const SECRET = 'whsec_test_roundhouse';
const adapter = stripeAdapter({
  secretKey: 'sk_test_unused',
  webhookSecret: SECRET,
  // Verification never calls the API; a closed port makes sure of it.
  apiBase: 'http://127.0.0.1:9',
  webUrl: 'http://localhost:3000',
});
const JSON_TYPE = 'application/json; charset=utf-8';
const checkout = { outTradeNo: 'RH0123456789abcdef', amountMinor: 990, currency: 'USD' };

function verify(body: string, signature: string | undefined, contentType = JSON_TYPE) {
  return adapter.verifyNotification({
    headers: signature === undefined ? {} : { 'stripe-signature': signature },
    rawBody: body,
    contentType,
  });
}

function verifySigned(event: Parameters<typeof signStripeEvent>[1]) {
  const { body, signature } = signStripeEvent(SECRET, event);
  return verify(body, signature);
}

async function rejection(
  promise: Promise<ProviderNotification>,
): Promise<{ reason: RejectionReason; verified: boolean } | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof NotificationRejectedError) {
      return { reason: error.reason, verified: error.verified };
    }
    throw error;
  }
}

describe('Stripe webhook verification (constructEvent over the raw body)', () => {
  it('maps a paid checkout.session.completed to a payment in minor units, keyed by event.id', async () => {
    const event = checkoutCompletedEvent({ ...checkout, txnId: 'pi_123' }, 'evt_1');
    const verified = await verifySigned(event);
    expect(verified).toEqual({
      eventKey: 'evt_1',
      outTradeNo: checkout.outTradeNo,
      providerTxnId: 'pi_123',
      amountMinor: 990,
      currency: 'USD',
      paid: true,
      paidAt: expect.any(Date) as Date,
      providerStatus: 'checkout.session.completed:complete/paid',
    });
  });

  it('carries the Stripe subscription of a subscription-mode session and its first invoice', async () => {
    const event = checkoutCompletedEvent({
      ...checkout,
      currency: 'CNY',
      subscriptionId: 'sub_1',
      txnId: 'in_1',
    });
    await expect(verifySigned(event)).resolves.toMatchObject({
      providerTxnId: 'in_1',
      providerSubscriptionId: 'sub_1',
      currency: 'CNY',
      paid: true,
    });
  });

  it('reports an unpaid session as not paid', async () => {
    const event = checkoutCompletedEvent({ ...checkout, paymentStatus: 'unpaid' });
    await expect(verifySigned(event)).resolves.toMatchObject({ paid: false, paidAt: null });
  });

  it('maps invoice.paid for a cycle to a renewal of the Stripe subscription', async () => {
    const event = invoicePaidEvent(
      {
        subscriptionId: 'sub_9',
        amountMinor: 990,
        currency: 'USD',
        invoiceId: 'in_9',
        originOutTradeNo: checkout.outTradeNo,
      },
      'evt_9',
    );
    await expect(verifySigned(event)).resolves.toEqual({
      kind: 'renewal',
      eventKey: 'evt_9',
      providerSubscriptionId: 'sub_9',
      originOutTradeNo: checkout.outTradeNo,
      providerTxnId: 'in_9',
      amountMinor: 990,
      currency: 'USD',
      paidAt: expect.any(Date) as Date,
      providerStatus: 'invoice.paid:subscription_cycle',
    });
  });

  it('acknowledges the first invoice (already settled by its checkout) and other reasons without acting', async () => {
    for (const billingReason of ['subscription_create', 'manual', 'subscription_update']) {
      const event = invoicePaidEvent({
        subscriptionId: 'sub_1',
        amountMinor: 990,
        currency: 'USD',
        billingReason,
      });
      await expect(verifySigned(event)).resolves.toMatchObject({ kind: 'ignored' });
    }
  });

  it('maps customer.subscription.deleted to a cancellation and ignores other event types', async () => {
    await expect(verifySigned(subscriptionDeletedEvent('sub_1', 'evt_d'))).resolves.toEqual({
      kind: 'cancellation',
      eventKey: 'evt_d',
      providerSubscriptionId: 'sub_1',
      providerStatus: 'customer.subscription.deleted:canceled',
    });
    const other = { id: 'evt_o', type: 'payment_intent.created', object: { id: 'pi_1' } };
    await expect(verifySigned(other)).resolves.toMatchObject({
      kind: 'ignored',
      eventKey: 'evt_o',
    });
  });

  it('ignores a completed session that is not one of our checkouts', async () => {
    const event = checkoutCompletedEvent(checkout);
    const foreign = {
      ...event,
      object: { ...event.object, client_reference_id: null, metadata: {} },
    };
    await expect(verifySigned(foreign)).resolves.toMatchObject({ kind: 'ignored' });
  });

  const signed = signStripeEvent(SECRET, checkoutCompletedEvent(checkout));
  const now = () => Math.floor(Date.now() / 1000);
  const refused: {
    name: string;
    body: string;
    signature?: string;
    contentType?: string;
    expected: { reason: RejectionReason; verified: boolean };
  }[] = [
    {
      name: 'a forged signature',
      body: signed.body,
      signature: signed.signature.replace(/v1=[0-9a-f]+/, `v1=${'ab'.repeat(32)}`),
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'a signature made with the wrong secret',
      body: signed.body,
      signature: signStripeBody('whsec_someone_else', signed.body, now()),
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'a stale timestamp (replay outside the tolerance)',
      body: signed.body,
      signature: signStripeBody(SECRET, signed.body, now() - STRIPE_TOLERANCE_SECONDS - 5),
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'an amount tampered with after signing',
      body: signed.body.replace('"amount_total":990', '"amount_total":1'),
      signature: signed.signature,
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'a currency tampered with after signing',
      body: signed.body.replace('"currency":"usd"', '"currency":"cny"'),
      signature: signed.signature,
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'no Stripe-Signature header',
      body: signed.body,
      expected: { reason: 'BAD_SIGNATURE', verified: false },
    },
    {
      name: 'an empty body',
      body: '',
      signature: signStripeBody(SECRET, '', now()),
      expected: { reason: 'MALFORMED', verified: false },
    },
    {
      name: 'a correctly signed body that is not JSON',
      body: '{"id":',
      signature: signStripeBody(SECRET, '{"id":', now()),
      expected: { reason: 'MALFORMED', verified: true },
    },
    {
      name: 'a correctly signed event in a currency we do not sell in',
      body: signed.body.replace('"currency":"usd"', '"currency":"eur"'),
      signature: signStripeBody(
        SECRET,
        signed.body.replace('"currency":"usd"', '"currency":"eur"'),
        now(),
      ),
      expected: { reason: 'MALFORMED', verified: true },
    },
    {
      name: 'a form content type',
      body: signed.body,
      signature: signed.signature,
      contentType: 'application/x-www-form-urlencoded',
      expected: { reason: 'WRONG_CONTENT_TYPE', verified: false },
    },
  ];
  for (const testCase of refused) {
    it(`refuses ${testCase.name}`, async () => {
      expect(
        await rejection(verify(testCase.body, testCase.signature, testCase.contentType)),
      ).toEqual(testCase.expected);
    });
  }

  it('answers Stripe exactly: 200 {"received":true}, or 400', () => {
    expect(adapter.ackResponse()).toEqual({
      status: 200,
      contentType: 'application/json',
      body: '{"received":true}',
    });
    expect(adapter.rejectResponse('BAD_SIGNATURE')).toMatchObject({ status: 400 });
  });
});
