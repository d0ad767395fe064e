import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../src/invoices/invoice-document';
import { renderInvoiceHtml } from '../src/invoices/invoice-html';
import { pdfSafeText, renderInvoicePdf } from '../src/invoices/invoice-pdf';

const invoice: InvoiceDocument = {
  kind: 'INVOICE',
  number: 'RH-2026-000042',
  issuedAt: new Date('2026-03-01T08:00:00Z'),
  buyer: { name: 'Zoë Müller', email: 'zoe@example.test' },
  plan: { en: 'Basic', zh: '基础版' },
  periodStart: new Date('2026-03-01T08:00:00Z'),
  periodEnd: new Date('2026-03-31T08:00:00Z'),
  amountMinor: 9900,
  currency: 'CNY',
  provider: 'ALIPAY',
  outTradeNo: 'RH0123456789',
  providerTxnId: '2026030122001',
  refundNo: null,
  creditedNumber: null,
  fapiao: { status: 'NOT_REQUESTED', title: null, taxpayerId: null, number: null },
};

describe('renderInvoicePdf', () => {
  it('is a one-page PDF titled with the number', async () => {
    const pdf = await PDFDocument.load(await renderInvoicePdf(invoice));
    expect(pdf.getTitle()).toBe('Invoice RH-2026-000042');
    expect(pdf.getPageCount()).toBe(1);
  });

  it('renders Chinese text without throwing (standard fonts cannot encode it)', async () => {
    const chinese: InvoiceDocument = {
      ...invoice,
      kind: 'CREDIT_NOTE',
      buyer: { name: '张三', email: 'zhang@example.test' },
      refundNo: 'RF0001',
      creditedNumber: 'RH-2026-000041',
      fapiao: {
        status: 'ISSUED',
        title: '上海示例科技有限公司',
        taxpayerId: '91310000MA1K00000X',
        number: '12345678',
      },
    };
    const pdf = await PDFDocument.load(await renderInvoicePdf(chinese));
    expect(pdf.getTitle()).toBe('Credit note RH-2026-000042');
  });
});

describe('pdfSafeText', () => {
  it('keeps Latin text, drops accents it cannot show and everything non-Latin', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(pdfSafeText('Zoë Müller', font)).toBe('Zoe Muller');
    expect(pdfSafeText('Łukasz 张三 🎉', font)).toBe('ukasz  ');
    expect(pdfSafeText('¥99.00 – 2026', font)).toBe('¥99.00 – 2026');
  });
});

describe('renderInvoiceHtml', () => {
  it('escapes customer text and labels in both languages unless one is asked for', () => {
    const doc = { ...invoice, buyer: { name: '<b>"Eve"</b> & co', email: 'eve@example.test' } };
    const both = renderInvoiceHtml(doc);
    expect(both).toContain('&lt;b&gt;&quot;Eve&quot;&lt;/b&gt; &amp; co');
    expect(both).toContain('Buyer / 购买方');
    expect(both).toContain('¥99.00');
    expect(renderInvoiceHtml(doc, 'zh')).toContain('<th>购买方</th>');
    expect(renderInvoiceHtml(doc, 'en')).not.toContain('购买方');
  });

  it('shows a credit note negative, with the invoice it credits', () => {
    const note = renderInvoiceHtml(
      { ...invoice, kind: 'CREDIT_NOTE', refundNo: 'RF0001', creditedNumber: 'RH-2026-000041' },
      'en',
    );
    expect(note).toContain('Credit note RH-2026-000042');
    expect(note).toContain('-¥99.00');
    expect(note).toContain('RH-2026-000041');
  });
});
