import { Download, Printer } from 'lucide-react';
import { buttonClasses } from '../../components/ui';
import { useI18n } from '../../i18n';

/**
 * The API serves the documents (GET /invoices/<id>.html|.pdf, session cookie): plain links,
 * not router links, in the reader's language.
 */
export function InvoiceLinks({ links }: { links: { html: string; pdf: string } }) {
  const { t, locale } = useI18n();
  const lang = `?lang=${locale}`;
  return (
    <div className="flex flex-wrap gap-2">
      <a
        href={`${links.html}${lang}`}
        target="_blank"
        rel="noopener noreferrer"
        className={buttonClasses('secondary', 'sm')}
      >
        <Printer aria-hidden="true" className="size-4" />
        {t('billing.invoices.print')}
      </a>
      <a href={`${links.pdf}${lang}`} download className={buttonClasses('secondary', 'sm')}>
        <Download aria-hidden="true" className="size-4" />
        {t('billing.invoices.pdf')}
      </a>
    </div>
  );
}
