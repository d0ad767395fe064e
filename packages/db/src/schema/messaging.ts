import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CreatedAt, DefaultJsonb, Timestamp, UpdatedAt, UuidId } from './columns';

export interface NotificationsTable {
  id: UuidId;
  user_id: string;
  type: string;
  title: string;
  body: string;
  data: DefaultJsonb;
  read_at: Timestamp | null;
  email_sent_at: Timestamp | null;
  webhook_sent_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Outbound webhooks a user (or admin) subscribed to; the signing secret is encrypted. */
export interface WebhookEndpointsTable {
  id: UuidId;
  user_id: string;
  url: string;
  secret_ciphertext: string;
  secret_key_version: string;
  events: ColumnType<string[], string[] | undefined, string[]>;
  enabled: Generated<boolean>;
  description: string | null;
  failure_count: Generated<number>;
  last_delivery_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Email opt-outs per notification category; no row = email on. */
export interface NotificationPreferencesTable {
  id: UuidId;
  user_id: string;
  category: string;
  email: boolean;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type Notification = Selectable<NotificationsTable>;
export type NewNotification = Insertable<NotificationsTable>;
export type NotificationUpdate = Updateable<NotificationsTable>;
export type NotificationPreference = Selectable<NotificationPreferencesTable>;
export type NewNotificationPreference = Insertable<NotificationPreferencesTable>;
export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type NewWebhookEndpoint = Insertable<WebhookEndpointsTable>;
export type WebhookEndpointUpdate = Updateable<WebhookEndpointsTable>;
