/** Test-only settings read from the environment: WORKER_TEST_LOG=debug shows the worker's logs. */
export const testLogLevel = process.env.WORKER_TEST_LOG ?? 'silent';
