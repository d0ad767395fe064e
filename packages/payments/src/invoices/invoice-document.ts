import type {
  Currency,
  FapiaoStatus,
  InvoiceKind,
  LocalizedText,
  PaymentProvider,
} from '@roundhouse/core';

/**
 * What an invoice or credit note shows, independent of how it is rendered (HTML page, PDF).
 * The api builds it from the invoice row; renderers never read the database.
 */
export interface InvoiceDocument {
  kind: InvoiceKind;
  /** e.g. 'RH-2026-000042' */
  number: string;
  issuedAt: Date;
  buyer: { name: string | null; email: string };
  plan: LocalizedText;
  periodStart: Date | null;
  periodEnd: Date | null;
  /** Always positive; a credit note shows it negated. */
  amountMinor: number;
  currency: Currency;
  provider: PaymentProvider;
  outTradeNo: string;
  providerTxnId: string | null;
  /** Credit notes: our refund number and the invoice credited. */
  refundNo: string | null;
  creditedNumber: string | null;
  fapiao: {
    status: FapiaoStatus;
    title: string | null;
    taxpayerId: string | null;
    number: string | null;
  };
}

export const DOCUMENT_LANGUAGES = ['en', 'zh'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

type Labels = Record<
  | 'invoice'
  | 'creditNote'
  | 'number'
  | 'issued'
  | 'seller'
  | 'buyer'
  | 'plan'
  | 'period'
  | 'amount'
  | 'provider'
  | 'orderNo'
  | 'transactionId'
  | 'refundNo'
  | 'credits'
  | 'fapiao'
  | 'fapiaoTitle'
  | 'taxpayerId'
  | 'fapiaoNumber',
  string
>;

export const INVOICE_LABELS: Record<DocumentLanguage, Labels> = {
  en: {
    invoice: 'Invoice',
    creditNote: 'Credit note',
    number: 'Number',
    issued: 'Date',
    seller: 'Seller',
    buyer: 'Buyer',
    plan: 'Plan',
    period: 'Service period',
    amount: 'Total',
    provider: 'Paid with',
    orderNo: 'Order number',
    transactionId: 'Transaction ID',
    refundNo: 'Refund number',
    credits: 'Credits invoice',
    fapiao: 'Fapiao',
    fapiaoTitle: 'Fapiao title',
    taxpayerId: 'Taxpayer ID',
    fapiaoNumber: 'Fapiao number',
  },
  zh: {
    invoice: '账单',
    creditNote: '退款凭证',
    number: '编号',
    issued: '日期',
    seller: '销售方',
    buyer: '购买方',
    plan: '套餐',
    period: '服务期间',
    amount: '合计',
    provider: '支付方式',
    orderNo: '订单号',
    transactionId: '交易号',
    refundNo: '退款单号',
    credits: '对应账单',
    fapiao: '发票',
    fapiaoTitle: '发票抬头',
    taxpayerId: '纳税人识别号',
    fapiaoNumber: '发票号码',
  },
};

export const SELLER_NAME = 'Roundhouse';

const PROVIDER_NAMES: Record<PaymentProvider, string> = {
  ALIPAY: 'Alipay',
  WECHATPAY: 'WeChat Pay',
  STRIPE: 'Stripe',
  SANDBOX: 'Sandbox',
};

/** The rows both renderers print, in order: [label key, value]. */
export function documentRows(doc: InvoiceDocument): [keyof Labels, string][] {
  const rows: [keyof Labels, string | null][] = [
    ['number', doc.number],
    ['issued', isoDate(doc.issuedAt)],
    ['provider', PROVIDER_NAMES[doc.provider]],
    ['orderNo', doc.outTradeNo],
    ['transactionId', doc.providerTxnId],
    ['refundNo', doc.refundNo],
    ['credits', doc.creditedNumber],
    [
      'period',
      doc.periodStart && doc.periodEnd
        ? `${isoDate(doc.periodStart)} – ${isoDate(doc.periodEnd)}`
        : null,
    ],
    ['fapiaoTitle', doc.fapiao.title],
    ['taxpayerId', doc.fapiao.taxpayerId],
    ['fapiaoNumber', doc.fapiao.number],
  ];
  return rows.filter((row): row is [keyof Labels, string] => row[1] !== null);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
