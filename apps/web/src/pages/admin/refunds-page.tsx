import { REFUND_STATUSES, type RefundStatus } from '@roundhouse/core';
import { useState } from 'react';
import { Badge, CursorTable, FilterSelect, TD } from '../../components/ui';
import { AdminFrame } from '../../features/admin/admin-frame';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../lib/use-cursor-list';
import { adminColumns } from '../../features/admin/columns';

const TONES = { PENDING: 'warning', SUCCEEDED: 'success', FAILED: 'danger' } as const;

/** `/admin/refunds`: every refund, newest first, with its outcome and the provider's answer. */
export function RefundsPage() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const [status, setStatus] = useState<RefundStatus | ''>('');
  const client = useTRPCClient();
  const input = { limit: 50, statuses: status ? [status] : undefined };
  const list = useCursorList([...trpc.admin.refunds.list.infiniteQueryKey(input)], (cursor) =>
    client.admin.refunds.list.query({ ...input, cursor }),
  );

  return (
    <AdminFrame section="refunds">
      <div className="mb-4 max-w-xs">
        <FilterSelect
          label={t('admin.col.status')}
          options={REFUND_STATUSES}
          optionLabel={(s) => t(`admin.refundStatus.${s}`)}
          value={status}
          onChange={setStatus}
        />
      </div>
      <CursorTable
        list={list}
        caption={t('admin.refunds.title')}
        columns={adminColumns(t, [
          'order',
          'amount',
          'provider',
          'status',
          'reason',
          'created',
          'completed',
        ])}
        empty={t('admin.refunds.empty')}
        row={(refund) => (
          <>
            <TD className="font-mono text-xs">
              {refund.outTradeNo}
              <span className="block text-neutral-500">{refund.outRequestNo}</span>
            </TD>
            <TD className="tabular-nums">{fmt.money(refund.amountMinor, refund.currency)}</TD>
            <TD>{t(`billing.provider.${refund.provider}`)}</TD>
            <TD>
              <Badge tone={TONES[refund.status]}>{t(`admin.refundStatus.${refund.status}`)}</Badge>
              {refund.errorMessage && (
                <span className="block max-w-64 text-xs text-red-800">{refund.errorMessage}</span>
              )}
            </TD>
            <TD className="max-w-72 text-sm break-words">{refund.reason}</TD>
            <TD className="whitespace-nowrap">{fmt.dateTime(refund.createdAt)}</TD>
            <TD className="whitespace-nowrap">
              {refund.completedAt ? fmt.dateTime(refund.completedAt) : ''}
            </TD>
          </>
        )}
      />
    </AdminFrame>
  );
}
