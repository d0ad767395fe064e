import { Link } from '@tanstack/react-router';
import { clsx } from 'clsx';
import { focusRing } from '../../components/ui/button';
import { useI18n } from '../../i18n';
import type { NavItem } from './nav-items';

/** The nav links, horizontal in the top bar or stacked in the phone menu. */
export function NavLinks({
  items,
  vertical = false,
  onNavigate,
}: {
  items: readonly NavItem[];
  vertical?: boolean;
  onNavigate?: () => void;
}) {
  const { t } = useI18n();
  return (
    <ul className={clsx('flex', vertical ? 'flex-col gap-1' : 'items-center gap-1')}>
      {items.map((item) => (
        <li key={item.to}>
          <Link
            to={item.to}
            onClick={onNavigate}
            activeProps={{ 'aria-current': 'page', className: 'bg-teal-50 text-teal-800' }}
            inactiveProps={{ className: 'text-neutral-700 hover:bg-neutral-100' }}
            className={clsx(
              'block rounded-md px-3 py-2 text-sm font-medium',
              vertical && 'text-base',
              focusRing,
            )}
          >
            {t(item.label)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
