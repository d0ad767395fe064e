import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, eventually, signIn } from './support/api';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { processesWithEnv } from './support/processes';
import { startSystem, type RunningSystem } from './support/system';

let system: RunningSystem | undefined;
let browser: Browser | undefined;
beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await system?.stop(); // no-op when the last test already stopped it
});

describe('the system as `npm start` runs it', () => {
  it('answers on every port: api ready, worker healthy, simulator up', async () => {
    const { apiUrl, workerUrl, simControlUrl } = system!;
    expect((await fetch(`${apiUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${workerUrl}/healthz`)).status).toBe(200);
    const info = (await (await fetch(`${simControlUrl}/info`)).json()) as { templates: unknown };
    expect(info.templates).toBeTruthy();
  });

  it('renders the sign-in page in Chromium', async () => {
    const { page, problems } = await openPage(browser!, system!.webUrl, 'smoke-sign-in');
    await page.goto('/sign-in');
    await page.getByLabel(/email/i).waitFor();
    await expect(page.getByLabel(/password/i).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'sign-in');
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });

  it("provisions the demo customer's instance until it is RUNNING", async () => {
    const client = apiClient(system!, await signIn(system!, system!.customer));
    const list = await eventually(
      () => client.instances.list.query({}),
      (page) => page.items.some((item) => item.status === 'RUNNING'),
      { timeoutMs: 90_000, what: 'a RUNNING demo instance' },
    );
    expect(list.items).toHaveLength(1);
  });

  it('stops cleanly: no process of the stack is left', async () => {
    const { dataDir } = system!;
    await system!.stop();
    system = undefined;
    expect(processesWithEnv('DATA_DIR', dataDir)).toEqual([]);
  });
});
