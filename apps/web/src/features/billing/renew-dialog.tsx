import { BILLING_PERIOD } from '@roundhouse/core';
import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { Button, Dialog, ErrorState } from '../../components/ui';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import type { RouterOutputs } from '../../lib/types';
import { PaymentOptions } from './payment-options';
import { usePaymentChoice } from './use-payment-choice';
import { useStartCheckout } from './use-start-checkout';

type Subscription = RouterOutputs['subscriptions']['list'][number];

/** Renew: choose currency and method, then the same checkout flow as a first purchase. */
export function RenewDialog({ subscription }: { subscription: Subscription }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const choice = usePaymentChoice(locale);
  const checkout = useStartCheckout();
  const plan = subscription.planName[locale];
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) checkout.reset();
      }}
      trigger={
        <Button>
          <RefreshCw aria-hidden="true" className="size-4" />
          {t('billing.subscription.renew')}
        </Button>
      }
      title={t('billing.subscription.renewTitle', { plan })}
      description={t('billing.subscription.renewDescription', { days: BILLING_PERIOD.days })}
    >
      <form
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (!choice.method) return;
          checkout.mutate({
            plan: subscription.plan,
            provider: choice.method,
            currency: choice.currency,
            subscriptionId: subscription.id,
          });
        }}
      >
        <PaymentOptions
          isPending={choice.isPending}
          offered={choice.offered}
          currencies={choice.currencies}
          currency={choice.currency}
          onCurrency={choice.setCurrency}
          method={choice.method}
          onMethod={choice.setMethod}
        />
        {checkout.isError && <ErrorState message={errorMessage(checkout.error, t)} />}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={checkout.isPending} disabled={!choice.method}>
            {t('billing.subscription.renewSubmit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
