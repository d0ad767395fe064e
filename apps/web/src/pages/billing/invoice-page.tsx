import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import {
  BackLink,
  Badge,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  PageHeader,
  QueryState,
} from '../../components/ui';
import { FapiaoForm } from '../../features/billing/fapiao-form';
import { InvoiceLinks } from '../../features/billing/invoice-links';
import { FAPIAO_TONE } from '../../features/billing/status-tones';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';

type Invoice = RouterOutputs['invoices']['get'];

/** One invoice: what was bought, its documents, and the fapiao request. */
export function InvoicePage() {
  const { invoiceId } = useParams({ strict: false }) as { invoiceId: string };
  const trpc = useTRPC();
  const { t } = useI18n();
  const invoice = useQuery(trpc.invoices.get.queryOptions({ invoiceId }));
  return (
    <div className="mx-auto max-w-3xl">
      <BackLink to="/invoices" className="mb-4">
        {t('billing.invoices.back')}
      </BackLink>
      <QueryState query={invoice}>{(data) => <InvoiceDetail invoice={data} />}</QueryState>
    </div>
  );
}

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-3">
      <dt className="text-neutral-600">{label}</dt>
      <dd className="break-words sm:col-span-2">{children}</dd>
    </div>
  );
}

function InvoiceDetail({ invoice }: { invoice: Invoice }) {
  const { t, fmt, locale } = useI18n();
  const { fapiao } = invoice;
  return (
    <>
      <PageHeader
        title={`${t(`billing.invoices.kind.${invoice.kind}`)} ${invoice.number}`}
        description={fmt.date(invoice.issuedAt)}
        actions={<InvoiceLinks links={invoice.links} />}
      />
      <div className="space-y-4">
        <Card>
          <CardContent>
            <dl className="space-y-3 text-sm">
              <Row label={t('billing.invoices.buyer')}>
                {invoice.buyer.name} ({invoice.buyer.email})
              </Row>
              <Row label={t('billing.orders.plan')}>{invoice.planName[locale]}</Row>
              {invoice.periodStart && invoice.periodEnd && (
                <Row label={t('billing.invoices.period')}>
                  {t('billing.invoices.periodRange', {
                    from: fmt.date(invoice.periodStart),
                    to: fmt.date(invoice.periodEnd),
                  })}
                </Row>
              )}
              <Row label={t('billing.invoices.total')}>
                <span className="text-base font-semibold tabular-nums">
                  {fmt.money(invoice.amountMinor, invoice.currency)}
                </span>
              </Row>
              <Row label={t('billing.orders.provider')}>
                {t(`billing.provider.${invoice.provider}`)}
              </Row>
              <Row label={t('billing.invoices.order')}>
                <span className="font-mono text-xs">{invoice.outTradeNo}</span>
              </Row>
              {invoice.providerTxnId && (
                <Row label={t('billing.invoices.txn')}>
                  <span className="font-mono text-xs">{invoice.providerTxnId}</span>
                </Row>
              )}
            </dl>
          </CardContent>
        </Card>
        {invoice.kind === 'INVOICE' && (
          <Card>
            <CardHeader>
              <div>
                <CardTitle>{t('billing.fapiao.title')}</CardTitle>
                <p className="mt-1 text-sm text-neutral-600">{t('billing.fapiao.description')}</p>
              </div>
              <Badge tone={FAPIAO_TONE[fapiao.status]}>
                {t(`billing.fapiaoStatus.${fapiao.status}`)}
              </Badge>
            </CardHeader>
            <CardContent>
              {fapiao.status === 'NOT_REQUESTED' || fapiao.status === 'FAILED' ? (
                <>
                  {fapiao.failureReason && (
                    <p role="alert" className="mb-4 text-sm text-red-800">
                      {fapiao.failureReason}
                    </p>
                  )}
                  <FapiaoForm invoiceId={invoice.id} defaultEmail={invoice.buyer.email} />
                </>
              ) : (
                <dl className="space-y-3 text-sm">
                  <Row label={t('billing.fapiao.buyerTitle')}>{fapiao.title}</Row>
                  <Row label={t('billing.fapiao.taxpayerId')}>
                    <span className="font-mono">{fapiao.taxpayerId}</span>
                  </Row>
                  <Row label={t('billing.fapiao.email')}>{fapiao.email}</Row>
                  {fapiao.number && (
                    <Row label={t('billing.fapiao.status')}>
                      {t('billing.fapiao.issuedNumber', { number: fapiao.number })}
                      {fapiao.issuedAt && ` · ${fmt.date(fapiao.issuedAt)}`}
                    </Row>
                  )}
                </dl>
              )}
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
