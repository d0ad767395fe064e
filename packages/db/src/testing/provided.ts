/** What the global setup hands to test files (vitest `provide`/`inject`). */
export interface TestDatabaseServer {
  /** A URL on the test server with rights to CREATE DATABASE. */
  serverUrl: string;
  /** Migrated template database every test database is copied from. */
  template: string;
}

export const TEST_DATABASE_SERVER = 'roundhouseTestDatabaseServer' as const;

declare module 'vitest' {
  export interface ProvidedContext {
    roundhouseTestDatabaseServer: TestDatabaseServer;
  }
}
