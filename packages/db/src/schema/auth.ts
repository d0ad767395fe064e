import type { UserRole } from '@roundhouse/core';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './columns';

/**
 * better-auth 1.7 tables (core + admin plugin + @better-auth/api-key), with better-auth's default
 * camelCase column names. better-auth generates the text ids and writes every column itself; the
 * database defaults only matter for rows written by hand (seeds, tests).
 */

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: Generated<boolean>;
  image: string | null;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
  /** admin plugin */
  role: ColumnType<UserRole | null, UserRole | null | undefined, UserRole | null>;
  banned: Generated<boolean | null>;
  banReason: string | null;
  banExpires: Timestamp | null;
}

export interface SessionTable {
  id: string;
  expiresAt: Timestamp;
  token: string;
  createdAt: DefaultTimestamp;
  updatedAt: Timestamp;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
  /** admin plugin: the admin who is impersonating through this session */
  impersonatedBy: string | null;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: Timestamp | null;
  refreshTokenExpiresAt: Timestamp | null;
  scope: string | null;
  password: string | null;
  createdAt: DefaultTimestamp;
  updatedAt: Timestamp;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: Timestamp;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

/** @better-auth/api-key. `referenceId` is the owner (a user id for us); `key` is the hash. */
export interface ApikeyTable {
  id: string;
  configId: Generated<string>;
  name: string | null;
  start: string | null;
  referenceId: string;
  prefix: string | null;
  key: string;
  refillInterval: number | null;
  refillAmount: number | null;
  lastRefillAt: Timestamp | null;
  enabled: Generated<boolean | null>;
  rateLimitEnabled: Generated<boolean | null>;
  rateLimitTimeWindow: number | null;
  rateLimitMax: number | null;
  requestCount: Generated<number | null>;
  remaining: number | null;
  lastRequest: Timestamp | null;
  expiresAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** JSON text written by the plugin (not jsonb: better-auth stores a string). */
  permissions: string | null;
  metadata: string | null;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
export type SessionUpdate = Updateable<SessionTable>;
export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type AccountUpdate = Updateable<AccountTable>;
export type Verification = Selectable<VerificationTable>;
export type NewVerification = Insertable<VerificationTable>;
export type VerificationUpdate = Updateable<VerificationTable>;
export type Apikey = Selectable<ApikeyTable>;
export type NewApikey = Insertable<ApikeyTable>;
export type ApikeyUpdate = Updateable<ApikeyTable>;
