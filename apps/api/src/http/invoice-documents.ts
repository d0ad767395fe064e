import { isRoundhouseError } from '@roundhouse/core';
import { getInvoice } from '@roundhouse/db/repositories/invoices';
import {
  DOCUMENT_LANGUAGES,
  type DocumentLanguage,
  renderInvoiceHtml,
  renderInvoicePdf,
} from '@roundhouse/payments';
import { Hono } from 'hono';
import { resolveCaller } from '../auth/caller';
import type { ApiServices } from '../context';
import { invoiceDocument } from '../routers/invoices.dto';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(html|pdf)$/i;

/**
 * GET /invoices/:id.html (printable, bilingual labels or `?lang=en|zh`) and /invoices/:id.pdf,
 * for the dashboard's signed-in browser: the owner, or an admin. Someone else's invoice is a
 * 404 like a missing one, so ids cannot be probed. Documents are private and never cached.
 */
export function invoiceDocumentRoutes(services: ApiServices): Hono {
  const app = new Hono();
  app.get('/:file', async (c) => {
    const match = FILE.exec(c.req.param('file'));
    if (!match) return notFound();
    const [, invoiceId = '', format] = match;
    const caller = await resolveCaller(services, c.req.raw.headers);
    if (caller.kind !== 'session') {
      return c.json({ error: { code: 'UNAUTHORIZED', message: 'Sign in first' } }, 401);
    }
    const admin = caller.user.role === 'admin';
    const invoice = await getInvoice(services.db, {
      invoiceId: invoiceId.toLowerCase(),
      userId: admin ? null : caller.user.id,
    }).catch((error: unknown) => {
      if (isRoundhouseError(error) && error.reason === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (!invoice) return notFound();
    const document = invoiceDocument(invoice);
    const headers = { 'cache-control': 'private, no-store' };
    if (format?.toLowerCase() === 'pdf') {
      const pdf = await renderInvoicePdf(document);
      return c.body(pdf.slice().buffer, 200, {
        ...headers,
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${invoice.number}.pdf"`,
      });
    }
    return c.html(renderInvoiceHtml(document, language(c.req.query('lang'))), 200, headers);
  });
  return app;

  function notFound() {
    return Response.json(
      { error: { code: 'NOT_FOUND', message: 'Invoice not found' } },
      { status: 404 },
    );
  }
}

function language(lang: string | undefined): DocumentLanguage | undefined {
  return DOCUMENT_LANGUAGES.find((candidate) => candidate === lang);
}
