/**
 * The test helper's configuration: an existing server to create test databases on. Unset, the
 * global setup starts a throwaway embedded Postgres instead.
 */
export const testDatabaseUrl: string | undefined = process.env.DATABASE_URL || undefined;
