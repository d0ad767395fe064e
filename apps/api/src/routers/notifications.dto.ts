import type { Notification } from '@roundhouse/db';
import { notificationCategory } from '@roundhouse/db/repositories/notifications';

export function notificationDto(row: Notification) {
  return {
    id: row.id,
    type: row.type,
    category: notificationCategory(row.type) ?? null,
    title: row.title,
    body: row.body,
    data: row.data,
    readAt: row.read_at,
    createdAt: row.created_at,
  };
}

export type NotificationDto = ReturnType<typeof notificationDto>;
