import {
  ORDER_STATUSES,
  PAYMENT_PROVIDERS,
  type OrderStatus,
  type PaymentProvider,
} from '@roundhouse/core';
import { useState } from 'react';
import {
  Field,
  Input,
  Pagination,
  QueryState,
  Select,
  Table,
  TBody,
  TD,
  TH,
  THead,
  TR,
} from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { FapiaoQueue } from '../../features/admin/fapiao-queue';
import { RefundDialog } from '../../features/admin/refund-dialog';
import { useDebouncedValue } from '../../features/admin/use-debounced-value';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../features/admin/use-cursor-list';

/** `/admin/orders`: every user's orders (filterable), refunds from here; the fapiao queue below. */
export function AdminOrdersPage() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [provider, setProvider] = useState<PaymentProvider | ''>('');
  const [userId, setUserId] = useState('');
  const [tradeNo, setTradeNo] = useState('');
  const user = useDebouncedValue(userId.trim());
  const outTradeNo = useDebouncedValue(tradeNo.trim());
  const client = useTRPCClient();
  const input = {
    limit: 50,
    statuses: status ? [status] : undefined,
    provider: provider || undefined,
    userId: user || undefined,
    outTradeNo: outTradeNo || undefined,
  };
  const { query, items: rows } = useCursorList(
    [...trpc.admin.orders.list.infiniteQueryKey(input)],
    (cursor) => client.admin.orders.list.query({ ...input, cursor }),
  );

  return (
    <AdminFrame
      section="orders"
      title={t('admin.orders.title')}
      description={t('admin.orders.description')}
    >
      <div className="mb-4 grid gap-3 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t('admin.col.status')}>
          <Select value={status} onChange={(e) => setStatus(e.target.value as OrderStatus | '')}>
            <option value="">{t('admin.filter.any')}</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`billing.orderStatus.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('admin.col.provider')}>
          <Select
            value={provider}
            onChange={(e) => setProvider(e.target.value as PaymentProvider | '')}
          >
            <option value="">{t('admin.filter.any')}</option>
            {PAYMENT_PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {t(`billing.provider.${p}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('admin.detail.userId')}>
          <Input type="search" value={userId} onChange={(e) => setUserId(e.target.value)} />
        </Field>
        <Field label={t('admin.col.order')}>
          <Input type="search" value={tradeNo} onChange={(e) => setTradeNo(e.target.value)} />
        </Field>
      </div>
      <QueryState query={{ ...query, data: rows }} empty={t('admin.orders.empty')}>
        {(items) => (
          <>
            <Table caption={t('admin.orders.title')}>
              <THead>
                <tr>
                  <TH>{t('admin.col.order')}</TH>
                  <TH>{t('admin.col.owner')}</TH>
                  <TH>{t('admin.col.plan')}</TH>
                  <TH>{t('admin.col.amount')}</TH>
                  <TH>{t('admin.col.refunded')}</TH>
                  <TH>{t('admin.col.provider')}</TH>
                  <TH>{t('admin.col.status')}</TH>
                  <TH>{t('admin.col.created')}</TH>
                  <TH>{t('admin.col.actions')}</TH>
                </tr>
              </THead>
              <TBody>
                {items.map((order) => (
                  <TR key={order.id}>
                    <TD className="font-mono text-xs">{order.outTradeNo}</TD>
                    <TD className="max-w-56 truncate">{order.user.email}</TD>
                    <TD>{t(`admin.plan.${order.plan}`)}</TD>
                    <TD className="tabular-nums">{fmt.money(order.amountMinor, order.currency)}</TD>
                    <TD className="tabular-nums">
                      {order.refundedMinor > 0
                        ? fmt.money(order.refundedMinor, order.currency)
                        : ''}
                    </TD>
                    <TD>{t(`billing.provider.${order.provider}`)}</TD>
                    <TD>{t(`billing.orderStatus.${order.status}`)}</TD>
                    <TD className="whitespace-nowrap">{fmt.dateTime(order.createdAt)}</TD>
                    <TD>
                      <RefundDialog order={order} />
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
            <Pagination
              hasMore={query.hasNextPage}
              loading={query.isFetchingNextPage}
              onLoadMore={() => void query.fetchNextPage()}
            />
          </>
        )}
      </QueryState>
      <FapiaoQueue />
    </AdminFrame>
  );
}
