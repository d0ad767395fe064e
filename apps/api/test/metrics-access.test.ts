import { afterAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';

/** /metrics on the api's (in production public) port: METRICS_TOKEN or nothing. */
const TOKEN = 'metrics-token-0123456789';
const started: TestApi[] = [];
afterAll(() => Promise.all(started.map((api) => api.close())));

async function api(options: Parameters<typeof startTestApi>[0]): Promise<TestApi> {
  const running = await startTestApi(options);
  started.push(running);
  return running;
}

const scrape = (on: TestApi, authorization?: string) =>
  on.fetch('/metrics', authorization ? { headers: { authorization } } : {});

describe('/metrics access', () => {
  it('with METRICS_TOKEN: only the bearer of that token reads it', async () => {
    const guarded = await api({ server: { metricsToken: TOKEN } });
    for (const wrong of [undefined, `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const refused = await scrape(guarded, wrong);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('Bearer');
      expect(await refused.text()).not.toContain('roundhouse_api');
    }
    const allowed = await scrape(guarded, `Bearer ${TOKEN}`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('roundhouse_api_http_requests_total');
  });

  it('without a token: not served in production, open in development', async () => {
    const production = await api({ config: { nodeEnv: 'production' } });
    expect((await scrape(production)).status).toBe(404);
    const development = await api({ config: { nodeEnv: 'development' } });
    expect((await scrape(development)).status).toBe(200);
  });
});
