import type { PaymentProvider } from '@roundhouse/core';
import { ExternalLink } from 'lucide-react';
import { useEffect } from 'react';
import { buttonClasses } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { RouterOutputs } from '../../lib/types';
import { QrCode } from './qr-code';

type Checkout = NonNullable<RouterOutputs['orders']['get']['checkout']>;

const isHttpUrl = (value: string) => /^https?:\/\//i.test(value);

/** Remembers per tab that we already sent the buyer away, so "Back" does not bounce them. */
function redirectOnce(orderId: string, url: string): void {
  const key = `roundhouse.checkout-redirected.${orderId}`;
  try {
    if (sessionStorage.getItem(key)) return;
    sessionStorage.setItem(key, '1');
  } catch {
    // Without storage the redirect still happens; the buyer can always use the button.
  }
  window.location.assign(url);
}

/**
 * How to pay: a QR code to scan (Alipay precreate, WeChat Native), or the provider's page
 * (Alipay page pay, Stripe Checkout: we go there by ourselves once). The sandbox cashier opens
 * in a new tab so this page keeps waiting and moves on when the notification lands.
 */
export function CheckoutPanel({
  orderId,
  provider,
  checkout,
}: {
  orderId: string;
  provider: PaymentProvider;
  checkout: Checkout;
}) {
  const { t } = useI18n();
  const providerName = t(`billing.provider.${provider}`);
  const sandbox = provider === 'SANDBOX';
  const autoRedirect = checkout.kind === 'redirect' && !sandbox ? checkout.url : null;

  useEffect(() => {
    if (!autoRedirect) return;
    const timer = setTimeout(() => redirectOnce(orderId, autoRedirect), 1_500);
    return () => clearTimeout(timer);
  }, [orderId, autoRedirect]);

  if (checkout.kind === 'qr') {
    return (
      <div className="flex flex-col items-center gap-3 text-center">
        <p className="font-medium text-neutral-900">
          {sandbox
            ? t('billing.checkout.scanSandbox')
            : t('billing.checkout.scan', { provider: providerName })}
        </p>
        <QrCode
          value={checkout.codeUrl}
          alt={t('billing.checkout.qrAlt', { provider: providerName })}
        />
        {isHttpUrl(checkout.codeUrl) && (
          <a
            href={checkout.codeUrl}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClasses('secondary', 'sm')}
          >
            <ExternalLink aria-hidden="true" className="size-4" />
            {t('billing.checkout.openHere')}
          </a>
        )}
      </div>
    );
  }

  return (
    <div className="flex flex-col items-center gap-3 text-center">
      <p className="max-w-md text-sm text-neutral-700">
        {sandbox
          ? t('billing.checkout.sandboxHint')
          : t('billing.checkout.redirectHint', { provider: providerName })}
      </p>
      <a
        href={checkout.url}
        target={sandbox ? '_blank' : undefined}
        rel={sandbox ? 'noopener noreferrer' : undefined}
        className={buttonClasses('primary', 'lg')}
      >
        <ExternalLink aria-hidden="true" className="size-4" />
        {sandbox
          ? t('billing.checkout.openCashier')
          : t('billing.checkout.goPay', { provider: providerName })}
      </a>
    </div>
  );
}
