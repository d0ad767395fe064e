import type { Kysely } from 'kysely';
import { dropTables, execute } from './sql-helpers';

/**
 * better-auth 1.7 tables as its own Postgres migrator (`npx auth migrate`) would create them for
 * core + admin plugin + @better-auth/api-key 1.7.5 with default field names: text ids,
 * camelCase quoted columns, `text`/`boolean`/`integer`/`timestamptz` types, FKs to "user" with
 * ON DELETE CASCADE, and its index names (`<table>_<column>_idx`). better-auth validates this
 * schema at startup (columns it writes must exist; columns it doesn't must be nullable or
 * defaulted), so do not add required columns here. Static defaults (false/true/0/'default') are
 * the ones better-auth adds when it creates these columns on an existing table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    `create table "user" (
      "id" text primary key,
      "name" text not null,
      "email" text not null unique,
      "emailVerified" boolean not null default false,
      "image" text,
      "createdAt" timestamptz not null default current_timestamp,
      "updatedAt" timestamptz not null default current_timestamp,
      "role" text default 'user' check ("role" in ('user', 'admin')),
      "banned" boolean default false,
      "banReason" text,
      "banExpires" timestamptz
    )`,
    `create table "session" (
      "id" text primary key,
      "expiresAt" timestamptz not null,
      "token" text not null unique,
      "createdAt" timestamptz not null default current_timestamp,
      "updatedAt" timestamptz not null,
      "ipAddress" text,
      "userAgent" text,
      "userId" text not null references "user" ("id") on delete cascade,
      "impersonatedBy" text
    )`,
    `create table "account" (
      "id" text primary key,
      "accountId" text not null,
      "providerId" text not null,
      "userId" text not null references "user" ("id") on delete cascade,
      "accessToken" text,
      "refreshToken" text,
      "idToken" text,
      "accessTokenExpiresAt" timestamptz,
      "refreshTokenExpiresAt" timestamptz,
      "scope" text,
      "password" text,
      "createdAt" timestamptz not null default current_timestamp,
      "updatedAt" timestamptz not null
    )`,
    `create table "verification" (
      "id" text primary key,
      "identifier" text not null,
      "value" text not null,
      "expiresAt" timestamptz not null,
      "createdAt" timestamptz not null default current_timestamp,
      "updatedAt" timestamptz not null default current_timestamp
    )`,
    `create table "apikey" (
      "id" text primary key,
      "configId" text not null default 'default',
      "name" text,
      "start" text,
      "referenceId" text not null,
      "prefix" text,
      "key" text not null,
      "refillInterval" integer,
      "refillAmount" integer,
      "lastRefillAt" timestamptz,
      "enabled" boolean default true,
      "rateLimitEnabled" boolean default true,
      "rateLimitTimeWindow" integer,
      "rateLimitMax" integer,
      "requestCount" integer default 0,
      "remaining" integer,
      "lastRequest" timestamptz,
      "expiresAt" timestamptz,
      "createdAt" timestamptz not null,
      "updatedAt" timestamptz not null,
      "permissions" text,
      "metadata" text
    )`,
    `create index "session_userId_idx" on "session" ("userId")`,
    `create index "account_userId_idx" on "account" ("userId")`,
    `create index "verification_identifier_idx" on "verification" ("identifier")`,
    `create index "apikey_configId_idx" on "apikey" ("configId")`,
    `create index "apikey_referenceId_idx" on "apikey" ("referenceId")`,
    `create index "apikey_key_idx" on "apikey" ("key")`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTables(db, '"apikey"', '"verification"', '"account"', '"session"', '"user"');
}
