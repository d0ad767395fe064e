import type { MessageKey } from '../../i18n';

export interface NavItem {
  to: string;
  label: MessageKey;
}

/** The primary navigation (URL map in web-shared.md); the bell and account live in the top bar. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/instances', label: 'nav.instances' },
  { to: '/plans', label: 'nav.plans' },
  { to: '/subscription', label: 'nav.subscription' },
  { to: '/orders', label: 'nav.orders' },
  { to: '/credentials', label: 'nav.credentials' },
];

export const ADMIN_NAV_ITEM: NavItem = { to: '/admin', label: 'nav.admin' };

export function navItemsFor(role: string | undefined): readonly NavItem[] {
  return role === 'admin' ? [...NAV_ITEMS, ADMIN_NAV_ITEM] : NAV_ITEMS;
}
