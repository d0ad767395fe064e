import { CURRENCIES, type Currency } from '@roundhouse/core';
import { useState } from 'react';
import type { Locale } from '../../i18n';
import { payableCurrencies, pickMethod, type CheckoutMethod } from './payment-methods';
import { useOfferedMethods } from './use-offered-methods';

/** Chinese readers see yuan first, everyone else dollars (when a method charges in them). */
const PREFERRED_CURRENCY: Record<Locale, Currency> = { zh: 'CNY', en: 'USD' };

/** The buyer's currency and payment method, kept consistent with what the server offers. */
export function usePaymentChoice(locale: Locale) {
  const { methods: offered, isPending } = useOfferedMethods();
  const currencies = payableCurrencies(offered, CURRENCIES);
  const [chosenCurrency, setCurrency] = useState<Currency>(PREFERRED_CURRENCY[locale]);
  const [chosenMethod, setMethod] = useState<CheckoutMethod | null>(null);
  const currency = currencies.includes(chosenCurrency) ? chosenCurrency : (currencies[0] ?? 'CNY');
  return {
    isPending,
    offered,
    currencies,
    currency,
    setCurrency,
    method: pickMethod(offered, currency, chosenMethod),
    setMethod,
  };
}

export type PaymentChoice = ReturnType<typeof usePaymentChoice>;
