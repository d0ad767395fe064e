import { Link } from '@tanstack/react-router';
import { FileText } from 'lucide-react';
import { Badge, buttonClasses, CursorTable, EmptyState, PageHeader, TD } from '../../components/ui';
import { FAPIAO_TONE } from '../../features/billing/status-tones';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../lib/use-cursor-list';

const PAGE_SIZE = 20;

/** Invoices and credit notes, newest first, loaded a page at a time. */
export function InvoicesPage() {
  const trpc = useTRPC();
  const { t, fmt, locale } = useI18n();
  const client = useTRPCClient();
  const input = { limit: PAGE_SIZE };
  const list = useCursorList([...trpc.invoices.list.infiniteQueryKey(input)], (cursor) =>
    client.invoices.list.query({ ...input, cursor }),
  );
  return (
    <div>
      <PageHeader
        title={t('billing.invoices.title')}
        description={t('billing.invoices.description')}
      />
      <CursorTable
        list={list}
        caption={t('billing.invoices.title')}
        columns={[
          t('billing.invoices.number'),
          t('billing.invoices.date'),
          t('billing.orders.plan'),
          t('billing.invoices.total'),
          t('billing.invoices.fapiao'),
          null,
        ]}
        empty={
          <EmptyState
            icon={<FileText />}
            title={t('billing.invoices.empty')}
            text={t('billing.invoices.emptyText')}
          />
        }
        row={(invoice) => (
          <>
            <TD className="font-mono whitespace-nowrap">
              {invoice.number}
              {invoice.kind === 'CREDIT_NOTE' && (
                <Badge tone="warning" className="ml-2 font-sans">
                  {t('billing.invoices.kind.CREDIT_NOTE')}
                </Badge>
              )}
            </TD>
            <TD className="whitespace-nowrap">{fmt.date(invoice.issuedAt)}</TD>
            <TD>{invoice.planName[locale]}</TD>
            <TD className="whitespace-nowrap tabular-nums">
              {fmt.money(invoice.amountMinor, invoice.currency)}
            </TD>
            <TD>
              <Badge tone={FAPIAO_TONE[invoice.fapiao.status]}>
                {t(`billing.fapiaoStatus.${invoice.fapiao.status}`)}
              </Badge>
            </TD>
            <TD className="text-right">
              <Link
                to="/invoices/$invoiceId"
                params={{ invoiceId: invoice.id }}
                className={buttonClasses('secondary', 'sm')}
                aria-label={`${t('billing.invoices.open')} ${invoice.number}`}
              >
                {t('billing.invoices.open')}
              </Link>
            </TD>
          </>
        )}
      />
    </div>
  );
}
