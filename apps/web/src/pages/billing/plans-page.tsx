import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Button, ErrorState, PageHeader, QueryState, SkeletonLines } from '../../components/ui';
import { PaymentOptions } from '../../features/billing/payment-options';
import { PlanCard } from '../../features/billing/plan-card';
import { usePaymentChoice } from '../../features/billing/use-payment-choice';
import { useStartCheckout } from '../../features/billing/use-start-checkout';
import { useI18n } from '../../i18n';
import { useSessionUser } from '../../lib/auth-client';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';

const PLANS_PATH = '/plans';
/** The middle plan is the one most teams pick; it gets the accent. */
const FEATURED_PLAN = 'PRO';

/**
 * Pricing and the start of a purchase. Public: a signed-out visitor sees the plans and is sent
 * to sign in (and back here) when buying.
 */
export function PlansPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { user } = useSessionUser();
  const plans = useQuery(trpc.plans.list.queryOptions());
  const choice = usePaymentChoice(locale);
  const checkout = useStartCheckout();

  return (
    <div>
      <PageHeader title={t('billing.plans.title')} description={t('billing.plans.description')} />
      <div className="mb-6">
        <PaymentOptions choice={choice} />
      </div>
      {checkout.isError && (
        <div className="mb-6">
          <ErrorState message={errorMessage(checkout.error, t)} />
        </div>
      )}
      <QueryState query={plans} loading={<SkeletonLines lines={6} label={t('common.loading')} />}>
        {(list) => (
          <div className="grid gap-4 md:grid-cols-3">
            {list.map((plan) => {
              const name = plan.name[locale];
              const buying = checkout.isPending && checkout.variables.plan === plan.id;
              return (
                <PlanCard
                  key={plan.id}
                  plan={plan}
                  currency={choice.currency}
                  highlighted={plan.id === FEATURED_PLAN}
                  action={
                    user ? (
                      <Button
                        className="w-full"
                        variant={plan.id === FEATURED_PLAN ? 'primary' : 'secondary'}
                        loading={buying}
                        disabled={choice.method === null || checkout.isPending}
                        onClick={() => {
                          if (!choice.method) return;
                          checkout.mutate({
                            plan: plan.id,
                            provider: choice.method,
                            currency: choice.currency,
                          });
                        }}
                      >
                        {t('billing.plans.buy', { plan: name })}
                      </Button>
                    ) : (
                      <Button
                        className="w-full"
                        variant={plan.id === FEATURED_PLAN ? 'primary' : 'secondary'}
                        onClick={() =>
                          void navigate({ to: '/sign-in', search: { next: PLANS_PATH } })
                        }
                      >
                        {t('billing.plans.signInToBuy', { plan: name })}
                      </Button>
                    )
                  }
                />
              );
            })}
          </div>
        )}
      </QueryState>
      {!user && (
        <p className="mt-6 text-center text-sm">
          <Link
            to="/sign-up"
            search={{ next: PLANS_PATH }}
            className="font-medium text-teal-800 underline underline-offset-2"
          >
            {t('billing.plans.noAccount')}
          </Link>
        </p>
      )}
    </div>
  );
}
