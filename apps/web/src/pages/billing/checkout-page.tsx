import { BILLING_PERIOD } from '@roundhouse/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import {
  Card,
  CardContent,
  ErrorState,
  PageHeader,
  QueryState,
  Spinner,
} from '../../components/ui';
import { CheckoutOutcome } from '../../features/billing/checkout-outcome';
import { CheckoutPanel } from '../../features/billing/checkout-panel';
import { checkoutStep, statusRefetchInterval } from '../../features/billing/checkout-step';
import { countdown } from '../../features/billing/countdown';
import { useNow } from '../../lib/use-now';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';

type Order = RouterOutputs['orders']['get'];

/**
 * Pay, then wait: shows the QR code or the way to the provider, follows payments.status (every
 * 2 s while the tab is visible; TanStack Query pauses the interval in a hidden tab and refetches
 * on focus) and moves on by itself once our order row says it is paid.
 */
export function CheckoutPage() {
  const { orderId } = useParams({ strict: false }) as { orderId: string };
  const trpc = useTRPC();
  const { t } = useI18n();
  const order = useQuery(trpc.orders.get.queryOptions({ orderId }));
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('billing.checkout.title')} />
      <QueryState query={order}>{(data) => <CheckoutFlow order={data} />}</QueryState>
    </div>
  );
}

function CheckoutFlow({ order }: { order: Order }) {
  const trpc = useTRPC();
  const { t, fmt, locale } = useI18n();
  const status = useQuery(
    trpc.payments.status.queryOptions(
      { orderId: order.id },
      {
        refetchInterval: statusRefetchInterval(order.kind),
        refetchIntervalInBackground: false,
        refetchOnWindowFocus: 'always',
      },
    ),
  );
  // Until the first status answer, the order we already have says the same thing.
  const current = status.data ?? {
    status: order.status,
    expiresAt: order.expiresAt,
    instance: null,
  };
  const now = useNow(1_000, current.status === 'CREATED');
  const step = checkoutStep(current, order.kind, now);
  const left = order.expiresAt ? countdown(order.expiresAt, now) : null;
  const plan = order.planName[locale];

  return (
    <div className="space-y-4">
      <Card>
        <CardContent>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-4">
            <div className="col-span-2">
              <dt className="text-neutral-600">
                {order.kind === 'RENEWAL'
                  ? t('billing.checkout.renewal', { plan })
                  : t('billing.checkout.paying', { plan, days: BILLING_PERIOD.days })}
              </dt>
              <dd className="text-2xl font-semibold text-neutral-900">
                {fmt.money(order.amountMinor, order.currency)}
              </dd>
            </div>
            <div>
              <dt className="text-neutral-600">{t('billing.checkout.method')}</dt>
              <dd className="font-medium">{t(`billing.provider.${order.provider}`)}</dd>
            </div>
            {step.kind === 'awaiting' && left && (
              <div>
                <dt className="text-neutral-600">{t('billing.checkout.expiresIn')}</dt>
                <dd className="font-mono text-lg font-medium tabular-nums" data-testid="countdown">
                  {left.label}
                </dd>
              </div>
            )}
            <div className="col-span-2 sm:col-span-4">
              <dt className="text-xs text-neutral-500">{t('billing.checkout.orderNo')}</dt>
              <dd className="truncate font-mono text-xs text-neutral-700">{order.outTradeNo}</dd>
            </div>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardContent className="py-8">
          {step.kind !== 'awaiting' ? (
            <CheckoutOutcome
              step={step}
              newOrderTo={order.kind === 'RENEWAL' ? '/subscription' : '/plans'}
            />
          ) : order.checkout ? (
            <div className="space-y-6">
              <CheckoutPanel
                orderId={order.id}
                provider={order.provider}
                checkout={order.checkout}
              />
              <div role="status" className="flex flex-col items-center gap-1 text-center">
                <p className="flex items-center gap-2 font-medium text-neutral-900">
                  <Spinner />
                  {t('billing.checkout.waiting')}
                </p>
                <p className="text-sm text-neutral-600">
                  {t('billing.checkout.waitingHint', {
                    provider: t(`billing.provider.${order.provider}`),
                  })}
                </p>
              </div>
            </div>
          ) : (
            <ErrorState message={t('billing.checkout.noCheckout')} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
