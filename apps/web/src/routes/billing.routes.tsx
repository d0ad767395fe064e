import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/** Providers append their own parameters to the return URL; we keep only what names an order. */
const returnSearch = (search: Record<string, unknown>): { out_trade_no?: string } =>
  typeof search.out_trade_no === 'string' ? { out_trade_no: search.out_trade_no } : {};

/** Pricing, visible signed out too (the page sends a visitor to sign in when buying). */
export function publicBillingRoutes(parent: AnyRoute) {
  const plans = createRoute({
    getParentRoute: () => parent,
    path: '/plans',
    component: lazyRouteComponent(() => import('../pages/billing/plans-page'), 'PlansPage'),
  });
  return [plans];
}

/** Checkout, orders, invoices and subscriptions: signed in only (all pages lazy). */
export function billingRoutes(parent: AnyRoute) {
  const checkout = createRoute({
    getParentRoute: () => parent,
    path: '/checkout/$orderId',
    component: lazyRouteComponent(() => import('../pages/billing/checkout-page'), 'CheckoutPage'),
  });
  const orders = createRoute({
    getParentRoute: () => parent,
    path: '/orders',
    validateSearch: returnSearch,
    component: lazyRouteComponent(() => import('../pages/billing/orders-page'), 'OrdersPage'),
  });
  const subscription = createRoute({
    getParentRoute: () => parent,
    path: '/subscription',
    component: lazyRouteComponent(
      () => import('../pages/billing/subscription-page'),
      'SubscriptionPage',
    ),
  });
  const invoices = createRoute({
    getParentRoute: () => parent,
    path: '/invoices',
    component: lazyRouteComponent(() => import('../pages/billing/invoices-page'), 'InvoicesPage'),
  });
  const invoice = createRoute({
    getParentRoute: () => parent,
    path: '/invoices/$invoiceId',
    component: lazyRouteComponent(() => import('../pages/billing/invoice-page'), 'InvoicePage'),
  });
  return [checkout, orders, invoices, invoice, subscription];
}
