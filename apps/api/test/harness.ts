import type { Writable } from 'node:stream';
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from '@trpc/client';
import type { Db } from '@roundhouse/db';
import { createTestDatabase, type TestDatabase } from '@roundhouse/db/testing';
import superjson from 'superjson';
import type { CallerCache } from '../src/auth/caller-cache';
import type { EmailSender, PasswordResetEmail } from '../src/auth/email';
import type { Permissions } from '../src/auth/permissions';
import { createRoundhouseClient, type RoundhouseClient } from '../src/client';
import type { ApiConfig } from '../src/env';
import { createLogger } from '../src/logger';
import type { AppRouter } from '../src/root';
import { createApiServer, createApiServices, type ApiServer } from '../src/server';
import { testConfig } from './support/context';
import type { ServicesConfig } from '../src/server';

export const PASSWORD = 'correct horse battery staple';

export interface TestApiOptions {
  /** Default: a fresh migrated test database, destroyed by close(). */
  db?: Db;
  config?: Partial<ServicesConfig>;
  /** Where log lines go (default: nowhere). */
  logTo?: Writable;
  router?: Parameters<typeof createApiServer>[0]['router'];
  shutdownGraceMs?: number;
  /** Default: the server's own (5 s). */
  cache?: CallerCache;
  /** TRUST_PROXY_HOPS, METRICS_TOKEN (defaults: none). */
  server?: Partial<Pick<ApiConfig, 'trustedProxyHops' | 'metricsToken'>>;
}

export interface SignedUp {
  userId: string;
  email: string;
  /** `Cookie` header value carrying the session. */
  cookie: string;
}

/**
 * The full API (Hono app, better-auth, tRPC) on a test database, listening on a random loopback
 * port, plus the steps tests keep repeating: sign up, promote, mint keys, typed clients.
 */
export interface TestApi {
  url: string;
  /** The dashboard origin cookie-authenticated mutations must come from. */
  origin: string;
  db: Db;
  server: ApiServer;
  /** Password-reset mails the API "sent". */
  emails: PasswordResetEmail[];
  fetch(path: string, init?: RequestInit): Promise<Response>;
  signUp(email?: string): Promise<SignedUp>;
  makeAdmin(userId: string): Promise<void>;
  createApiKey(cookie: string, permissions: Permissions): Promise<string>;
  /** A browser-like caller: session cookie and the dashboard's Origin. */
  cookieClient(cookie: string): TRPCClient<AppRouter>;
  apiKeyClient(apiKey: string): RoundhouseClient;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const owned: TestDatabase | undefined = options.db ? undefined : await createTestDatabase();
  const db = options.db ?? owned!.db;
  const config = testConfig(options.config);
  const emails: PasswordResetEmail[] = [];
  const email: EmailSender = {
    sendPasswordReset: async (message) => void emails.push(message),
  };
  const logger = createLogger({
    level: options.logTo ? 'info' : 'silent',
    secrets: [config.authSecret],
    destination: options.logTo,
  });
  const server = createApiServer({
    services: createApiServices(config, db, logger, { email, callerCache: options.cache }),
    config: { ...config, ...options.server },
    router: options.router,
    shutdownGraceMs: options.shutdownGraceMs,
  });
  const { url } = await server.listen();
  const origin = new URL(config.appUrl).origin;
  const call = (path: string, init?: RequestInit) => fetch(`${url}${path}`, init);

  const api: TestApi = {
    url,
    origin,
    db,
    server,
    emails,
    fetch: call,
    /** Through better-auth's server API: same rows and cookie, but not rate-limited per IP. */
    async signUp(address = `user-${process.pid}-${++counter}-${Date.now()}@example.test`) {
      const { headers, response } = await server.services.auth.api.signUpEmail({
        body: { email: address, password: PASSWORD, name: 'Test User' },
        returnHeaders: true,
      });
      return { userId: response.user.id, email: address, cookie: cookieHeader({ headers }) };
    },
    async makeAdmin(userId) {
      await db.updateTable('user').set({ role: 'admin' }).where('id', '=', userId).execute();
      // Written behind the API's back, like another replica would: drop what this one cached.
      server.services.callerCache.forgetUser(userId);
    },
    async createApiKey(cookie, permissions) {
      const created = await api
        .cookieClient(cookie)
        .apiKeys.create.mutate({ name: 'test', permissions });
      return created.key;
    },
    cookieClient(cookie) {
      return createTRPCClient<AppRouter>({
        links: [
          httpBatchLink({
            url: `${url}/trpc`,
            transformer: superjson,
            headers: { cookie, origin },
          }),
        ],
      });
    },
    apiKeyClient: (apiKey) => createRoundhouseClient({ url, apiKey }),
    async close() {
      await server.close();
      await owned?.destroy();
    },
  };
  return api;
}

/** The `Cookie` header a browser would send back after this response. */
export function cookieHeader(response: { headers: Headers }): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** The tRPC error code and message a client call failed with; undefined when it succeeded. */
export async function clientError(
  promise: Promise<unknown>,
): Promise<{ code: string | undefined; message: string } | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { code?: string } | undefined;
    return { code: data?.code, message: error.message };
  }
}
