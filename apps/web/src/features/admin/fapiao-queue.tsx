import { useState } from 'react';
import { Badge, CursorListState, FilterSelect, Table, TBody, TD, TR } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { FapiaoActions } from './fapiao-actions';
import { useCursorList } from '../../lib/use-cursor-list';

const STATUSES = ['REQUESTED', 'ISSUED', 'FAILED'] as const;
type QueueStatus = (typeof STATUSES)[number];
const TONES = { REQUESTED: 'warning', ISSUED: 'success', FAILED: 'danger' } as const;

/** Fapiao requests: open ones first, oldest first (the work queue); issue or refuse each. */
export function FapiaoQueue() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const [status, setStatus] = useState<QueueStatus | ''>('REQUESTED');
  const client = useTRPCClient();
  const input = { limit: 50, statuses: status ? [status] : undefined };
  const list = useCursorList(
    [...trpc.admin.billing.fapiao.list.infiniteQueryKey(input)],
    (cursor) => client.admin.billing.fapiao.list.query({ ...input, cursor }),
  );

  return (
    <section aria-labelledby="fapiao-queue" className="mt-10 space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="fapiao-queue" className="text-lg font-semibold text-neutral-900">
            {t('admin.fapiao.title')}
          </h2>
          <p className="text-sm text-neutral-600">{t('admin.fapiao.description')}</p>
        </div>
        <FilterSelect
          label={t('admin.col.status')}
          options={STATUSES}
          optionLabel={(s) => t(`billing.fapiaoStatus.${s}`)}
          value={status}
          onChange={setStatus}
        />
      </div>
      <CursorListState list={list} empty={t('admin.fapiao.empty')}>
        {(items) => (
          <Table
            caption={t('admin.fapiao.title')}
            columns={[
              t('admin.col.invoice'),
              t('admin.fapiao.buyer'),
              t('admin.col.amount'),
              t('admin.col.status'),
              t('admin.col.updated'),
              t('admin.col.actions'),
            ]}
          >
            <TBody>
              {items.map((row) => {
                const status = row.status as QueueStatus;
                return (
                  <TR key={row.invoiceId}>
                    <TD className="font-mono text-xs">{row.invoiceNumber}</TD>
                    <TD className="max-w-72 text-sm">
                      <span className="block truncate font-medium">{row.title}</span>
                      <span className="block truncate text-xs text-neutral-600">
                        {row.taxpayerId} · {row.email ?? row.buyerEmail}
                      </span>
                    </TD>
                    <TD className="tabular-nums">{fmt.money(row.amountMinor, row.currency)}</TD>
                    <TD>
                      <Badge tone={TONES[status] ?? 'neutral'}>
                        {t(`billing.fapiaoStatus.${status}`)}
                      </Badge>
                      {row.number && <span className="ml-2 font-mono text-xs">{row.number}</span>}
                      {row.failureReason && (
                        <span className="block text-xs text-red-800">{row.failureReason}</span>
                      )}
                    </TD>
                    <TD className="whitespace-nowrap">{fmt.relative(row.updatedAt)}</TD>
                    <TD>
                      {status === 'REQUESTED' && (
                        <FapiaoActions invoiceId={row.invoiceId} label={row.invoiceNumber} />
                      )}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </CursorListState>
    </section>
  );
}
