import { Link } from '@tanstack/react-router';
import { clsx } from 'clsx';
import { Button } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { RouterOutputs } from '../../lib/types';
import { notificationInstanceId } from './notification-view';

export type Notification = RouterOutputs['notifications']['list']['items'][number];

/** One notification: unread ones are highlighted and can be marked read on their own. */
export function NotificationItem({
  notification: n,
  onMarkRead,
  marking,
}: {
  notification: Notification;
  onMarkRead: (id: string) => void;
  marking: boolean;
}) {
  const { t, fmt } = useI18n();
  const unread = n.readAt === null;
  const instanceId = notificationInstanceId(n.data);
  return (
    <li
      aria-labelledby={`notification-${n.id}`}
      className={clsx(
        'flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-start sm:justify-between',
        unread ? 'bg-sky-50' : 'bg-white',
      )}
    >
      <div className="min-w-0 space-y-1">
        <p id={`notification-${n.id}`} className="flex items-center gap-2 text-sm">
          {unread && (
            <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-sky-600" />
          )}
          <span className={clsx('text-neutral-900', unread && 'font-semibold')}>{n.title}</span>
          {unread && <span className="sr-only">{t('settings.notifications.unread')}</span>}
        </p>
        {n.body && <p className="text-sm break-words text-neutral-700">{n.body}</p>}
        <p className="text-xs text-neutral-500">
          <time dateTime={new Date(n.createdAt).toISOString()} title={fmt.dateTime(n.createdAt)}>
            {fmt.relative(n.createdAt)}
          </time>
          {n.category && (
            <>
              {' · '}
              {t(`settings.notifications.category.${n.category}`)}
            </>
          )}
        </p>
      </div>
      <div className="flex shrink-0 flex-wrap gap-2">
        {instanceId && (
          <Link
            to="/instances/$instanceId"
            params={{ instanceId }}
            className="text-sm font-medium text-teal-800 underline"
          >
            {t('settings.notifications.openInstance')}
          </Link>
        )}
        {unread && (
          <Button
            size="sm"
            variant="ghost"
            loading={marking}
            onClick={() => onMarkRead(n.id)}
            aria-label={t('settings.notifications.markReadOne', { title: n.title })}
          >
            {t('settings.notifications.markRead')}
          </Button>
        )}
      </div>
    </li>
  );
}
