import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { CalendarClock } from 'lucide-react';
import {
  Badge,
  buttonClasses,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  EmptyState,
  PageHeader,
  QueryState,
} from '../../components/ui';
import { CancelAtPeriodEnd } from '../../features/billing/cancel-at-period-end';
import { RenewDialog } from '../../features/billing/renew-dialog';
import { subscriptionTone } from '../../features/billing/status-tones';
import { daysLeft, subscriptionActions } from '../../features/billing/subscription-view';
import { useNow } from '../../lib/use-now';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';
import type { RouterOutputs } from '../../lib/types';

type Subscription = RouterOutputs['subscriptions']['list'][number];

/** My subscriptions: period, days left, the instance, renewal and cancel at period end. */
export function SubscriptionPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const subscriptions = useQuery(trpc.subscriptions.list.queryOptions());
  return (
    <div>
      <PageHeader
        title={t('billing.subscription.title')}
        description={t('billing.subscription.description')}
        actions={
          <Link to="/orders" className={buttonClasses('secondary', 'sm')}>
            {t('billing.orders.title')}
          </Link>
        }
      />
      <QueryState
        query={subscriptions}
        empty={
          <EmptyState
            icon={<CalendarClock />}
            title={t('billing.subscription.empty')}
            text={t('billing.subscription.emptyText')}
            action={
              <Link to="/plans" className={buttonClasses('primary')}>
                {t('billing.orders.browsePlans')}
              </Link>
            }
          />
        }
      >
        {(list) => (
          <div className="grid gap-4 lg:grid-cols-2">
            {list.map((subscription) => (
              <SubscriptionCard key={subscription.id} subscription={subscription} />
            ))}
          </div>
        )}
      </QueryState>
    </div>
  );
}

function SubscriptionCard({ subscription: sub }: { subscription: Subscription }) {
  const { t, fmt, locale } = useI18n();
  const now = useNow(60_000);
  const left = daysLeft(sub.currentPeriodEnd, now);
  const actions = subscriptionActions(sub);
  const plan = sub.planName[locale];
  return (
    <Card aria-labelledby={`subscription-${sub.id}`} role="group">
      <CardHeader>
        <CardTitle id={`subscription-${sub.id}`}>{plan}</CardTitle>
        <div className="flex flex-wrap gap-1.5">
          <Badge tone={subscriptionTone(sub.status)}>
            {t(`billing.subscriptionStatus.${sub.status}`)}
          </Badge>
          <Badge>{t(`billing.source.${sub.source}`)}</Badge>
        </div>
      </CardHeader>
      <CardContent className="space-y-4">
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-neutral-600">{t('billing.subscription.periodEnd')}</dt>
            <dd className="font-medium">
              {sub.currentPeriodEnd ? fmt.date(sub.currentPeriodEnd) : '—'}
              {left !== null && (
                <span className="ml-2 text-neutral-600">
                  {t('billing.subscription.daysLeft', { days: left })}
                </span>
              )}
            </dd>
            {sub.cancelAtPeriodEnd && sub.currentPeriodEnd && (
              <dd className="mt-1 text-amber-900">
                {t('billing.subscription.endsOn', { date: fmt.date(sub.currentPeriodEnd) })}
              </dd>
            )}
          </div>
          <div>
            <dt className="text-neutral-600">{t('billing.subscription.instance')}</dt>
            <dd>
              {sub.instance ? (
                <Link
                  to="/instances/$instanceId"
                  params={{ instanceId: sub.instance.id }}
                  className="font-medium text-teal-800 underline underline-offset-2"
                >
                  {t('billing.subscription.openInstance')}
                </Link>
              ) : (
                t('billing.subscription.noInstance')
              )}
            </dd>
          </div>
        </dl>
        {(actions.renew || actions.cancelAtPeriodEnd || actions.undoCancel) && (
          <div className="flex flex-wrap gap-2">
            {actions.renew && <RenewDialog subscription={sub} />}
            {(actions.cancelAtPeriodEnd || actions.undoCancel) && (
              <CancelAtPeriodEnd subscription={sub} />
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
