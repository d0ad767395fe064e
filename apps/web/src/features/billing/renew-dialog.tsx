import { BILLING_PERIOD } from '@roundhouse/core';
import { RefreshCw } from 'lucide-react';
import { Button, FormDialog } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { RouterOutputs } from '../../lib/types';
import { PaymentOptions } from './payment-options';
import { usePaymentChoice } from './use-payment-choice';
import { useStartCheckout } from './use-start-checkout';

type Subscription = RouterOutputs['subscriptions']['list'][number];

/** Renew: choose currency and method, then the same checkout flow as a first purchase. */
export function RenewDialog({ subscription }: { subscription: Subscription }) {
  const { t, locale } = useI18n();
  const choice = usePaymentChoice(locale);
  const checkout = useStartCheckout();
  const plan = subscription.planName[locale];
  return (
    <FormDialog
      trigger={
        <Button>
          <RefreshCw aria-hidden="true" className="size-4" />
          {t('billing.subscription.renew')}
        </Button>
      }
      title={t('billing.subscription.renewTitle', { plan })}
      description={t('billing.subscription.renewDescription', { days: BILLING_PERIOD.days })}
      confirmLabel={t('billing.subscription.renewSubmit')}
      canSubmit={choice.method !== null}
      onSubmit={async () => {
        if (!choice.method) return;
        await checkout.mutateAsync({
          plan: subscription.plan,
          provider: choice.method,
          currency: choice.currency,
          subscriptionId: subscription.id,
        });
      }}
    >
      <PaymentOptions choice={choice} />
    </FormDialog>
  );
}
