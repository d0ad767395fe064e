import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FileText } from 'lucide-react';
import {
  Badge,
  buttonClasses,
  EmptyState,
  PageHeader,
  Pagination,
  QueryState,
  Table,
  TBody,
  TD,
  TH,
  THead,
  TR,
} from '../../components/ui';
import { FAPIAO_TONE } from '../../features/billing/status-tones';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';

const PAGE_SIZE = 20;

/** Invoices and credit notes, newest first, loaded a page at a time. */
export function InvoicesPage() {
  const trpc = useTRPC();
  const { t, fmt, locale } = useI18n();
  const client = useTRPCClient();
  // Paged by hand: tRPC's infiniteQueryOptions adds a `direction` field that the strict input
  // of invoices.list refuses. The key sits under invoices.list, so invalidations still reach it.
  const pages = useInfiniteQuery({
    queryKey: [...trpc.invoices.list.queryKey({ limit: PAGE_SIZE }), 'pages'],
    queryFn: ({ pageParam }) => client.invoices.list.query({ limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <div>
      <PageHeader
        title={t('billing.invoices.title')}
        description={t('billing.invoices.description')}
      />
      <QueryState
        query={pages}
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
        empty={
          <EmptyState
            icon={<FileText />}
            title={t('billing.invoices.empty')}
            text={t('billing.invoices.emptyText')}
          />
        }
      >
        {(data) => (
          <div className="space-y-4">
            <Table caption={t('billing.invoices.title')}>
              <THead>
                <tr>
                  <TH>{t('billing.invoices.number')}</TH>
                  <TH>{t('billing.invoices.date')}</TH>
                  <TH>{t('billing.orders.plan')}</TH>
                  <TH>{t('billing.invoices.total')}</TH>
                  <TH>{t('billing.invoices.fapiao')}</TH>
                  <TH />
                </tr>
              </THead>
              <TBody>
                {data.pages.flatMap((page) =>
                  page.items.map((invoice) => (
                    <TR key={invoice.id}>
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
                    </TR>
                  )),
                )}
              </TBody>
            </Table>
            {(pages.hasNextPage || data.pages.length > 1) && (
              <Pagination
                hasMore={pages.hasNextPage}
                loading={pages.isFetchingNextPage}
                onLoadMore={() => void pages.fetchNextPage()}
              />
            )}
          </div>
        )}
      </QueryState>
    </div>
  );
}
