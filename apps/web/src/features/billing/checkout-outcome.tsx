import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { CircleCheck, CircleX, Clock } from 'lucide-react';
import { useEffect } from 'react';
import { buttonClasses, Spinner } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';
import type { CheckoutDestination, CheckoutStep } from './checkout-step';

/** Long enough to read "Payment received", short enough not to feel stuck. */
const MOVE_ON_AFTER_MS = 1_500;

function DestinationLink({ destination }: { destination: CheckoutDestination }) {
  const { t } = useI18n();
  const classes = buttonClasses('primary');
  return destination.to === '/subscription' ? (
    <Link to="/subscription" className={classes}>
      {t('billing.checkout.continue')}
    </Link>
  ) : (
    <Link
      to="/instances/$instanceId"
      params={{ instanceId: destination.instanceId }}
      className={classes}
    >
      {t('billing.checkout.continue')}
    </Link>
  );
}

/** Everything after "awaiting": paid, provisioning, moving on; or why this order is over. */
export function CheckoutOutcome({
  step,
  newOrderTo,
}: {
  step: Exclude<CheckoutStep, { kind: 'awaiting' }>;
  newOrderTo: '/plans' | '/subscription';
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Primitives, not the step object: a re-render (the countdown ticks) must not restart the timer.
  const destinationTo = step.kind === 'ready' ? step.destination.to : null;
  const instanceId =
    step.kind === 'ready' && step.destination.to !== '/subscription'
      ? step.destination.instanceId
      : null;

  const paid = step.kind === 'paid' || step.kind === 'ready';
  useEffect(() => {
    if (!paid) return;
    // What the payment changed (period, instance, invoice) must not be read from the cache.
    for (const queryKey of [
      trpc.subscriptions.pathKey(),
      trpc.orders.pathKey(),
      trpc.invoices.pathKey(),
      trpc.instances.pathKey(),
    ]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  }, [paid, queryClient, trpc]);

  useEffect(() => {
    if (!destinationTo) return;
    const timer = setTimeout(() => {
      void navigate(
        instanceId
          ? { to: '/instances/$instanceId', params: { instanceId } }
          : { to: '/subscription' },
      );
    }, MOVE_ON_AFTER_MS);
    return () => clearTimeout(timer);
  }, [destinationTo, instanceId, navigate]);

  if (step.kind === 'paid' || step.kind === 'ready') {
    const renewal = step.kind === 'ready' && step.destination.to === '/subscription';
    return (
      <div role="status" className="flex flex-col items-center gap-3 text-center">
        <CircleCheck aria-hidden="true" className="size-12 text-emerald-600" />
        <p className="text-lg font-semibold text-neutral-900">{t('billing.checkout.paid')}</p>
        <p className="flex items-center gap-2 text-sm text-neutral-700">
          <Spinner />
          {step.kind === 'paid'
            ? t('billing.checkout.provisioning')
            : renewal
              ? t('billing.checkout.renewed')
              : t('billing.checkout.ready')}
        </p>
        {step.kind === 'ready' && <DestinationLink destination={step.destination} />}
      </div>
    );
  }

  const [title, hint] =
    step.kind === 'expired'
      ? [t('billing.checkout.expired'), t('billing.checkout.expiredHint')]
      : step.kind === 'closed'
        ? [t('billing.checkout.closed'), t('billing.checkout.closedHint')]
        : [t('billing.checkout.refunded'), null];
  const Icon = step.kind === 'expired' ? Clock : CircleX;
  return (
    <div role="alert" className="flex flex-col items-center gap-3 text-center">
      <Icon aria-hidden="true" className="size-12 text-neutral-500" />
      <p className="text-lg font-semibold text-neutral-900">{title}</p>
      {hint && <p className="max-w-md text-sm text-neutral-700">{hint}</p>}
      <div className="flex flex-wrap justify-center gap-2">
        <Link to={newOrderTo} className={buttonClasses('primary')}>
          {t('billing.checkout.newOrder')}
        </Link>
        <Link to="/orders" className={buttonClasses('secondary')}>
          {t('billing.checkout.viewOrders')}
        </Link>
      </div>
    </div>
  );
}
