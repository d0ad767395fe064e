import { formatMinor } from '@roundhouse/core';
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';
import {
  documentRows,
  INVOICE_LABELS,
  type InvoiceDocument,
  SELLER_NAME,
} from './invoice-document';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const LINE = 20;

/**
 * The PDF of an invoice or credit note (pdf-lib, A4). It uses the standard Helvetica font,
 * embedded from nothing on the network, which encodes only Latin text (WinAnsi): labels are
 * English and any value it cannot encode goes through `pdfSafeText` (Chinese buyer names fall
 * back to the email, other text to an ASCII transliteration). The printable HTML page is the
 * bilingual version.
 */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const labels = INVOICE_LABELS.en;
  const title = doc.kind === 'INVOICE' ? labels.invoice : labels.creditNote;
  pdf.setTitle(`${title} ${doc.number}`);
  pdf.setAuthor(SELLER_NAME);
  pdf.setCreationDate(doc.issuedAt);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const line = (label: string, value: string, useFont = font) => {
    page.drawText(label, { x: MARGIN, y, size: 11, font: bold });
    // CJK-only text (a Chinese fapiao title) cannot be drawn: point at the bilingual page.
    const shown = pdfSafeText(value, useFont).trim() || '(see the HTML invoice)';
    page.drawText(shown, { x: MARGIN + 150, y, size: 11, font: useFont });
    y -= LINE;
  };

  page.drawText(`${title} ${doc.number}`, { x: MARGIN, y, size: 20, font: bold });
  y -= LINE * 2;
  line(labels.seller, SELLER_NAME);
  line(labels.buyer, buyerText(doc, font));
  line(labels.plan, doc.plan.en);
  for (const [key, value] of documentRows(doc)) line(labels[key], value);
  y -= LINE / 2;
  const amount = formatMinor(
    doc.kind === 'INVOICE' ? doc.amountMinor : -doc.amountMinor,
    doc.currency,
  );
  line(labels.amount, amount, bold);
  // Without object streams the metadata (title = the number) stays readable in the raw bytes.
  return pdf.save({ useObjectStreams: false });
}

/** The buyer's name when the font can show it, else their email (never a row of "?"). */
function buyerText(doc: InvoiceDocument, font: PDFFont): string {
  const name = doc.buyer.name?.trim();
  if (!name) return doc.buyer.email;
  const latin = transliterate(name);
  return encodable(latin, font) && latin.trim() !== ''
    ? `${latin} <${doc.buyer.email}>`
    : doc.buyer.email;
}

/**
 * Text the font can encode: accents are dropped (é → e), and what is still unencodable (CJK,
 * emoji) is left out, so drawing never throws on customer-supplied text.
 */
export function pdfSafeText(text: string, font: PDFFont): string {
  const charset = new Set(font.getCharacterSet());
  return [...transliterate(text)].filter((char) => charset.has(char.codePointAt(0) ?? -1)).join('');
}

function transliterate(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

function encodable(text: string, font: PDFFont): boolean {
  const charset = new Set(font.getCharacterSet());
  return [...text].every((char) => charset.has(char.codePointAt(0) ?? -1));
}
