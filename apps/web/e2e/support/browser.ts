import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { e2eEnv } from './env';

const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Debian's Chromium, headless, with the flags DESIGN §9 names. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: e2eEnv().chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught page errors and failed requests seen so far. */
  problems: string[];
}

/**
 * A fresh context and page for the running test, at `baseURL`. It records a trace; when the
 * test fails the trace is saved under test-results/traces/<name>.zip and the page's problems are
 * printed. The context closes when the test finishes.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  name: string,
  /** A concurrent test passes its context's `onTestFinished` (the global one needs sequential tests). */
  finished: typeof onTestFinished = onTestFinished,
): Promise<TestPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(
      `request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`,
    ),
  );
  finished(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const dir = path.join(RESULTS, 'traces');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.zip`);
      await context.tracing.stop({ path: file });
      console.error(
        `[e2e] ${name} failed at ${page.url()}; trace: ${file}\n${problems.join('\n') || '(no browser errors)'}`,
      );
    } else {
      await context.tracing.stop();
    }
    await context.close();
  }, 60_000);
  return { page, context, problems };
}

/** Saves a full-page screenshot to apps/web/test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(RESULTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
