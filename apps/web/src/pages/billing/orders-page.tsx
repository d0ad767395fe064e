import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { clsx } from 'clsx';
import { Receipt } from 'lucide-react';
import {
  Badge,
  buttonClasses,
  EmptyState,
  PageHeader,
  QueryState,
  Table,
  TBody,
  TD,
  TR,
} from '../../components/ui';
import { highlightedOrderId } from '../../features/billing/order-view';
import { orderTone } from '../../features/billing/status-tones';
import { useNow } from '../../lib/use-now';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';

type Order = RouterOutputs['orders']['list'][number];

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Order history. Also where payment providers send the buyer back: the return URL is only used
 * to pick which row to highlight; every status shown is our own row's (set by a verified
 * notification).
 */
export function OrdersPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const search: Record<string, unknown> = useSearch({ strict: false });
  const returned = { outTradeNo: text(search.out_trade_no), orderId: text(search.orderId) };
  const orders = useQuery(trpc.orders.list.queryOptions());
  // The newest invoices cover the orders a customer looks for; an older one is on /invoices.
  const invoices = useQuery(trpc.invoices.list.queryOptions({ limit: 100 }));
  const invoiceByOrder = new Map(
    (invoices.data?.items ?? []).flatMap((invoice) =>
      invoice.kind === 'INVOICE' && invoice.orderId ? [[invoice.orderId, invoice.id] as const] : [],
    ),
  );

  return (
    <div>
      <PageHeader title={t('billing.orders.title')} description={t('billing.orders.description')} />
      {returned.outTradeNo && (
        <p role="status" className="mb-4 rounded-md bg-sky-50 px-4 py-3 text-sm text-sky-900">
          {t('billing.orders.returned')}
        </p>
      )}
      <QueryState
        query={orders}
        empty={
          <EmptyState
            icon={<Receipt />}
            title={t('billing.orders.empty')}
            text={t('billing.orders.emptyText')}
            action={
              <Link to="/plans" className={buttonClasses('primary')}>
                {t('billing.orders.browsePlans')}
              </Link>
            }
          />
        }
      >
        {(list) => (
          <OrdersTable
            orders={list}
            highlighted={highlightedOrderId(list, returned)}
            invoiceByOrder={invoiceByOrder}
          />
        )}
      </QueryState>
    </div>
  );
}

function OrdersTable({
  orders,
  highlighted,
  invoiceByOrder,
}: {
  orders: Order[];
  highlighted: string | null;
  invoiceByOrder: ReadonlyMap<string, string>;
}) {
  const { t, fmt, locale } = useI18n();
  const now = useNow(30_000);
  return (
    <Table
      caption={t('billing.orders.title')}
      columns={[
        t('billing.orders.date'),
        t('billing.orders.plan'),
        t('billing.orders.kind'),
        t('billing.orders.amount'),
        t('billing.orders.provider'),
        t('billing.orders.status'),
        t('billing.orders.paidAt'),
        t('billing.orders.invoice'),
        null,
      ]}
    >
      <TBody>
        {orders.map((order) => {
          const payable =
            order.status === 'CREATED' && (order.expiresAt?.getTime() ?? 0) > now && order.checkout;
          const isHighlighted = order.id === highlighted;
          const invoiceId = invoiceByOrder.get(order.id);
          return (
            <TR
              key={order.id}
              aria-current={isHighlighted || undefined}
              className={clsx(isHighlighted && 'bg-teal-50')}
            >
              <TD className="whitespace-nowrap">
                {fmt.dateTime(order.createdAt)}
                {isHighlighted && (
                  <Badge tone="info" className="ml-2">
                    {t('billing.orders.latest')}
                  </Badge>
                )}
              </TD>
              <TD className="font-medium">{order.planName[locale]}</TD>
              <TD>{t(`billing.kind.${order.kind}`)}</TD>
              <TD className="whitespace-nowrap tabular-nums">
                {fmt.money(order.amountMinor, order.currency)}
              </TD>
              <TD>{t(`billing.provider.${order.provider}`)}</TD>
              <TD>
                <Badge tone={orderTone(order.status)}>
                  {t(`billing.orderStatus.${order.status}`)}
                </Badge>
              </TD>
              <TD className="whitespace-nowrap">
                {order.paidAt ? fmt.dateTime(order.paidAt) : '—'}
              </TD>
              <TD>
                {invoiceId && (
                  <Link
                    to="/invoices/$invoiceId"
                    params={{ invoiceId }}
                    className="font-medium text-teal-800 underline underline-offset-2"
                  >
                    {t('billing.orders.viewInvoice')}
                  </Link>
                )}
              </TD>
              <TD className="text-right">
                {payable && (
                  <Link
                    to="/checkout/$orderId"
                    params={{ orderId: order.id }}
                    className={buttonClasses('secondary', 'sm')}
                  >
                    {t('billing.orders.pay')}
                  </Link>
                )}
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
