import { formatMinor } from '@roundhouse/core';
import {
  type DocumentLanguage,
  documentRows,
  INVOICE_LABELS,
  type InvoiceDocument,
  SELLER_NAME,
} from './invoice-document';

/**
 * The printable HTML page of an invoice or credit note. Without a language every label is
 * bilingual ("Invoice / 账单"); `lang` picks one. Every value is escaped: the buyer's name and
 * the fapiao title are the customer's own text.
 */
export function renderInvoiceHtml(doc: InvoiceDocument, lang?: DocumentLanguage): string {
  const label = (key: keyof (typeof INVOICE_LABELS)['en']) =>
    lang ? INVOICE_LABELS[lang][key] : `${INVOICE_LABELS.en[key]} / ${INVOICE_LABELS.zh[key]}`;
  const title = label(doc.kind === 'INVOICE' ? 'invoice' : 'creditNote');
  const amount = formatMinor(
    doc.kind === 'INVOICE' ? doc.amountMinor : -doc.amountMinor,
    doc.currency,
  );
  const plan = lang ? doc.plan[lang] : `${doc.plan.en} / ${doc.plan.zh}`;
  const buyer = doc.buyer.name ? `${doc.buyer.name} <${doc.buyer.email}>` : doc.buyer.email;
  const rows = documentRows(doc)
    .map(([key, value]) => `<tr><th>${escape(label(key))}</th><td>${escape(value)}</td></tr>`)
    .join('\n        ');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
  <head>
    <meta charset="utf-8" />
    <title>${escape(`${title} ${doc.number}`)}</title>
    <style>
      body { font-family: system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 2rem; }
      table { border-collapse: collapse; margin: 1rem 0; }
      th, td { text-align: left; padding: 0.25rem 1rem 0.25rem 0; vertical-align: top; }
      .total { font-size: 1.25rem; font-weight: bold; }
      @media print { body { margin: 0; } }
    </style>
  </head>
  <body>
    <h1>${escape(title)} ${escape(doc.number)}</h1>
    <table>
      <tbody>
        <tr><th>${escape(label('seller'))}</th><td>${escape(SELLER_NAME)}</td></tr>
        <tr><th>${escape(label('buyer'))}</th><td>${escape(buyer)}</td></tr>
        <tr><th>${escape(label('plan'))}</th><td>${escape(plan)}</td></tr>
        ${rows}
        <tr class="total"><th>${escape(label('amount'))}</th><td>${escape(amount)}</td></tr>
      </tbody>
    </table>
  </body>
</html>
`;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
