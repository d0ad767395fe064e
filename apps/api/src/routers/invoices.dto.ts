import { getPlan } from '@roundhouse/core';
import type { InvoiceDetail } from '@roundhouse/db/repositories/invoices';
import type { InvoiceDocument } from '@roundhouse/payments';

/** Where the printable page and the PDF of an invoice are served (http/invoice-documents.ts). */
export function invoiceLinks(invoiceId: string) {
  return { html: `/invoices/${invoiceId}.html`, pdf: `/invoices/${invoiceId}.pdf` };
}

/** What the customer's view and the printed document both state, in the same words. */
function invoiceFacts(invoice: InvoiceDetail) {
  return {
    kind: invoice.kind,
    number: invoice.number,
    issuedAt: invoice.issued_at,
    buyer: { name: invoice.buyer_name, email: invoice.buyer_email },
    periodStart: invoice.period_start,
    periodEnd: invoice.period_end,
    amountMinor: invoice.amount_minor,
    currency: invoice.currency,
    provider: invoice.provider,
    outTradeNo: invoice.out_trade_no,
    providerTxnId: invoice.provider_txn_id,
    refundNo: invoice.out_request_no,
    creditedNumber: invoice.credited_number,
  };
}

/** The fapiao fields the printed document shows; the customer's view adds the rest. */
function fapiaoFacts(invoice: InvoiceDetail) {
  return {
    status: invoice.fapiao_status,
    title: invoice.fapiao_title,
    taxpayerId: invoice.fapiao_taxpayer_id,
    number: invoice.fapiao_number,
  };
}

export function invoiceDto(invoice: InvoiceDetail) {
  return {
    id: invoice.id,
    ...invoiceFacts(invoice),
    plan: invoice.plan,
    planName: { ...getPlan(invoice.plan).name },
    orderId: invoice.order_id,
    refundId: invoice.refund_id,
    fapiao: {
      ...fapiaoFacts(invoice),
      email: invoice.fapiao_email,
      issuedAt: invoice.fapiao_issued_at,
      failureReason: invoice.fapiao_failure_reason,
    },
    links: invoiceLinks(invoice.id),
  };
}

export type InvoiceDto = ReturnType<typeof invoiceDto>;

/** What the HTML and PDF renderers print. */
export function invoiceDocument(invoice: InvoiceDetail): InvoiceDocument {
  return {
    ...invoiceFacts(invoice),
    plan: getPlan(invoice.plan).name,
    fapiao: fapiaoFacts(invoice),
  };
}
