import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BellOff } from 'lucide-react';
import { useState } from 'react';
import {
  Button,
  Checkbox,
  CursorListState,
  EmptyState,
  PageHeader,
  useToast,
} from '../../components/ui';
import { EmailPreferencesCard } from '../../features/settings/email-preferences-card';
import { NotificationItem } from '../../features/settings/notification-item';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { useCursorList } from '../../lib/use-cursor-list';

/** `/notifications`: newest first, unread highlighted, mark read; email preferences. */
export function NotificationsPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const input = { limit: 20, unreadOnly };
  const list = useCursorList([...trpc.notifications.list.infiniteQueryKey(input)], (cursor) =>
    client.notifications.list.query({ ...input, cursor }),
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
  const anyUnread = list.items?.some((item) => item.readAt === null) ?? false;
  const markingId = markRead.isPending ? markRead.variables.ids?.[0] : undefined;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('settings.notifications.title')}
        description={t('settings.notifications.description')}
        actions={
          <>
            <Checkbox
              label={t('settings.notifications.unreadOnly')}
              checked={unreadOnly}
              onCheckedChange={setUnreadOnly}
            />
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
      <CursorListState
        list={list}
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
          </div>
        )}
      </CursorListState>
      <EmailPreferencesCard />
    </div>
  );
}
