import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { clsx } from 'clsx';
import { Bell } from 'lucide-react';
import { buttonClasses } from '../../components/ui/button';
import { useI18n } from '../../i18n';
import { useTRPC } from '../../lib/trpc';

/** Polls every 30 s (and on window focus): cheap, and works without a live connection. */
export const UNREAD_REFETCH_MS = 30_000;

export function NotificationsBell() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const unread = useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, {
      refetchInterval: UNREAD_REFETCH_MS,
      refetchOnWindowFocus: true,
    }),
  );
  const count = unread.data?.count ?? 0;
  return (
    <Link
      to="/notifications"
      aria-label={count > 0 ? t('nav.notificationsUnread', { count }) : t('nav.notifications')}
      className={clsx(buttonClasses('ghost', 'icon'), 'relative')}
    >
      <Bell aria-hidden="true" className="size-5" />
      {count > 0 && (
        <span
          aria-hidden="true"
          className="absolute top-1 right-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
        >
          {count > 99 ? '99+' : fmt.number(count)}
        </span>
      )}
    </Link>
  );
}
