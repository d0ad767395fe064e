import {
  ORDER_STATUSES,
  PAYMENT_PROVIDERS,
  type OrderStatus,
  type PaymentProvider,
} from '@roundhouse/core';
import { useState } from 'react';
import { CursorTable, Field, FilterSelect, Input, TD } from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { FapiaoQueue } from '../../features/admin/fapiao-queue';
import { RefundDialog } from '../../features/admin/refund-dialog';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../lib/use-cursor-list';
import { adminColumns } from '../../features/admin/columns';

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
  const list = useCursorList([...trpc.admin.orders.list.infiniteQueryKey(input)], (cursor) =>
    client.admin.orders.list.query({ ...input, cursor }),
  );

  return (
    <AdminFrame section="orders">
      <div className="mb-4 grid gap-3 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <FilterSelect
          label={t('admin.col.status')}
          options={ORDER_STATUSES}
          optionLabel={(s) => t(`billing.orderStatus.${s}`)}
          value={status}
          onChange={setStatus}
        />
        <FilterSelect
          label={t('admin.col.provider')}
          options={PAYMENT_PROVIDERS}
          optionLabel={(p) => t(`billing.provider.${p}`)}
          value={provider}
          onChange={setProvider}
        />
        <Field label={t('admin.detail.userId')}>
          <Input type="search" value={userId} onChange={(e) => setUserId(e.target.value)} />
        </Field>
        <Field label={t('admin.col.order')}>
          <Input type="search" value={tradeNo} onChange={(e) => setTradeNo(e.target.value)} />
        </Field>
      </div>
      <CursorTable
        list={list}
        caption={t('admin.orders.title')}
        columns={adminColumns(t, [
          'order',
          'owner',
          'plan',
          'amount',
          'refunded',
          'provider',
          'status',
          'created',
          'actions',
        ])}
        empty={t('admin.orders.empty')}
        row={(order) => (
          <>
            <TD className="font-mono text-xs">{order.outTradeNo}</TD>
            <TD className="max-w-56 truncate">{order.user.email}</TD>
            <TD>{t(`admin.plan.${order.plan}`)}</TD>
            <TD className="tabular-nums">{fmt.money(order.amountMinor, order.currency)}</TD>
            <TD className="tabular-nums">
              {order.refundedMinor > 0 ? fmt.money(order.refundedMinor, order.currency) : ''}
            </TD>
            <TD>{t(`billing.provider.${order.provider}`)}</TD>
            <TD>{t(`billing.orderStatus.${order.status}`)}</TD>
            <TD className="whitespace-nowrap">{fmt.dateTime(order.createdAt)}</TD>
            <TD>
              <RefundDialog order={order} />
            </TD>
          </>
        )}
      />
      <FapiaoQueue />
    </AdminFrame>
  );
}
