import { REFUND_STATUSES, type RefundStatus } from '@roundhouse/core';
import { useState } from 'react';
import {
  Badge,
  Field,
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
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../features/admin/use-cursor-list';

const TONES = { PENDING: 'warning', SUCCEEDED: 'success', FAILED: 'danger' } as const;

/** `/admin/refunds`: every refund, newest first, with its outcome and the provider's answer. */
export function RefundsPage() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const [status, setStatus] = useState<RefundStatus | ''>('');
  const client = useTRPCClient();
  const input = { limit: 50, statuses: status ? [status] : undefined };
  const { query, items: rows } = useCursorList(
    [...trpc.admin.refunds.list.infiniteQueryKey(input)],
    (cursor) => client.admin.refunds.list.query({ ...input, cursor }),
  );

  return (
    <AdminFrame
      section="refunds"
      title={t('admin.refunds.title')}
      description={t('admin.refunds.description')}
    >
      <div className="mb-4 max-w-xs">
        <Field label={t('admin.col.status')}>
          <Select value={status} onChange={(e) => setStatus(e.target.value as RefundStatus | '')}>
            <option value="">{t('admin.filter.any')}</option>
            {REFUND_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.refundStatus.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <QueryState query={{ ...query, data: rows }} empty={t('admin.refunds.empty')}>
        {(items) => (
          <>
            <Table caption={t('admin.refunds.title')}>
              <THead>
                <tr>
                  <TH>{t('admin.col.order')}</TH>
                  <TH>{t('admin.col.amount')}</TH>
                  <TH>{t('admin.col.provider')}</TH>
                  <TH>{t('admin.col.status')}</TH>
                  <TH>{t('admin.col.reason')}</TH>
                  <TH>{t('admin.col.created')}</TH>
                  <TH>{t('admin.col.completed')}</TH>
                </tr>
              </THead>
              <TBody>
                {items.map((refund) => (
                  <TR key={refund.id}>
                    <TD className="font-mono text-xs">
                      {refund.outTradeNo}
                      <span className="block text-neutral-500">{refund.outRequestNo}</span>
                    </TD>
                    <TD className="tabular-nums">
                      {fmt.money(refund.amountMinor, refund.currency)}
                    </TD>
                    <TD>{t(`billing.provider.${refund.provider}`)}</TD>
                    <TD>
                      <Badge tone={TONES[refund.status]}>
                        {t(`admin.refundStatus.${refund.status}`)}
                      </Badge>
                      {refund.errorMessage && (
                        <span className="block max-w-64 text-xs text-red-800">
                          {refund.errorMessage}
                        </span>
                      )}
                    </TD>
                    <TD className="max-w-72 text-sm break-words">{refund.reason}</TD>
                    <TD className="whitespace-nowrap">{fmt.dateTime(refund.createdAt)}</TD>
                    <TD className="whitespace-nowrap">
                      {refund.completedAt ? fmt.dateTime(refund.completedAt) : ''}
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
    </AdminFrame>
  );
}
