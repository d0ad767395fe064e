import { ChoiceGroup, Skeleton } from '../../components/ui';
import { useI18n } from '../../i18n';
import { methodsFor } from './payment-methods';
import type { PaymentChoice } from './use-payment-choice';

/** Currency toggle (when more than one is payable) and the payment method choice. */
export function PaymentOptions({ choice }: { choice: PaymentChoice }) {
  const { isPending, offered, currencies, currency, method } = choice;
  const { t } = useI18n();
  const methods = methodsFor(offered, currency);
  if (isPending) return <Skeleton className="h-16 w-64" />;
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:flex-wrap sm:gap-8">
      {currencies.length > 1 && (
        <ChoiceGroup
          legend={t('billing.plans.currency')}
          choices={currencies.map((c) => ({ value: c, label: c }))}
          value={currency}
          onChange={choice.setCurrency}
        />
      )}
      <ChoiceGroup
        legend={t('billing.plans.method')}
        choices={methods.map((m) => ({
          value: m.provider,
          label: t(`billing.provider.${m.provider}`),
          disabled: !m.available,
        }))}
        value={method}
        onChange={choice.setMethod}
      />
      {method === null && (
        <p role="alert" className="text-sm text-amber-900 sm:basis-full">
          {t('billing.plans.noMethod', { currency })}
        </p>
      )}
    </div>
  );
}
