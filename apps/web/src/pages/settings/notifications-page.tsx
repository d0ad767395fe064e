import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { BellOff } from 'lucide-react';
import { useState } from 'react';
import {
  Button,
  EmptyState,
  PageHeader,
  Pagination,
  QueryState,
  useToast,
} from '../../components/ui';
import { EmailPreferencesCard } from '../../features/settings/email-preferences-card';
import { NotificationItem } from '../../features/settings/notification-item';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';

/** `/notifications`: newest first, unread highlighted, mark read; email preferences. */
export function NotificationsPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { limit: 20, unreadOnly },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      // The bell's unread count lives under the same path, so it refreshes too.
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
      onError: (error) =>
        toast({
          tone: 'danger',
          title: t('settings.notifications.markFailed'),
          description: errorMessage(error, t),
        }),
    }),
  );
  const items = list.data?.pages.flatMap((page) => page.items);
  const anyUnread = items?.some((item) => item.readAt === null) ?? false;
  const markingId = markRead.isPending ? markRead.variables.ids?.[0] : undefined;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('settings.notifications.title')}
        description={t('settings.notifications.description')}
        actions={
          <>
            <label className="flex items-center gap-2 text-sm text-neutral-700">
              <input
                type="checkbox"
                className="size-4 accent-teal-700"
                checked={unreadOnly}
                onChange={(event) => setUnreadOnly(event.target.checked)}
              />
              {t('settings.notifications.unreadOnly')}
            </label>
            <Button
              variant="secondary"
              size="sm"
              disabled={!anyUnread}
              loading={markRead.isPending && markRead.variables.all === true}
              onClick={() => markRead.mutate({ all: true })}
            >
              {t('settings.notifications.markAllRead')}
            </Button>
          </>
        }
      />
      <QueryState
        query={{ ...list, data: items }}
        empty={
          <EmptyState
            icon={<BellOff />}
            title={
              unreadOnly ? t('settings.notifications.noUnread') : t('settings.notifications.empty')
            }
            text={t('settings.notifications.emptyText')}
          />
        }
      >
        {(rows) => (
          <div>
            <ul
              aria-label={t('settings.notifications.title')}
              className="divide-y divide-neutral-200 overflow-hidden rounded-lg border border-neutral-200"
            >
              {rows.map((notification) => (
                <NotificationItem
                  key={notification.id}
                  notification={notification}
                  marking={markingId === notification.id}
                  onMarkRead={(id) => markRead.mutate({ ids: [id] })}
                />
              ))}
            </ul>
            <Pagination
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </div>
        )}
      </QueryState>
      <EmailPreferencesCard />
    </div>
  );
}
