import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { apiClient, eventually, signIn } from './support/api';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { choosePaymentMethod, payAtSandboxCashier, signUpInBrowser } from './support/checkout';
import { type FailedCustomer, newCustomersWithFailedClones } from './support/customer';
import { useSession } from './support/session';
import { succeedBuildsOf } from './support/simulator';
import { startSystem, type RunningSystem } from './support/system';
import {
  confirmAction,
  DEPLOY_TIMEOUT_MS,
  instanceIdIn,
  waitForInstanceStatus,
  watchDeployment,
} from './support/ui';

/**
 * The customer and admin flows of issues #7 and #8 against one stack started as `npm start`
 * starts it. Each test acts on its own instance (a new customer's, another new customer's for
 * the admin, the demo customer's only for reading), and simulator outcomes are set per project,
 * so the tests can run concurrently.
 */
let system: RunningSystem;
let browser: Browser;
/** The demo customer's session, reused by every test that acts as them. */
let customerCookie: string;
let demoInstanceId: string;
/** New customers whose first clone failed its build: one retries it, the admin the other. */
let brokenCustomer: FailedCustomer;
let stuckCustomer: FailedCustomer;

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
  customerCookie = await signIn(system, system.customer);
  // Seeded before the stack reports ready; the tests need its id, and its first deployment
  // under way before the failed customers' builds are made to fail.
  const demo = await eventually(
    () => apiClient(system, customerCookie).instances.list.query({}),
    (page) => ['DEPLOYING', 'RUNNING'].includes(page.items[0]?.status ?? ''),
    { timeoutMs: 60_000, what: "the demo customer's deploying instance" },
  );
  demoInstanceId = demo.items[0]!.id;
  const [broken, stuck] = await newCustomersWithFailedClones(system, ['broken', 'stuck']);
  [brokenCustomer, stuckCustomer] = [broken!, stuck!];
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function customerPage(name: string, test: TestContext): Promise<Page> {
  const { page, context } = await openPage(browser, system.webUrl, name, test.onTestFinished);
  await useSession(context, system.webUrl, customerCookie);
  return page;
}

/** Concurrent: most of the time goes to waiting for deployments, which overlap. */
describe.concurrent('the dashboard', () => {
  it('customer signs up, buys BASIC with the sandbox Alipay, reaches RUNNING, reads logs, changes a credential and redeploys', async (test) => {
    const { page } = await openPage(
      browser,
      system.webUrl,
      'customer-purchase',
      test.onTestFinished,
    );
    await signUpInBrowser(page, `ada-${Date.now()}@example.com`);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Plans' })
      .click();
    await choosePaymentMethod(page, 'Alipay');
    await screenshot(page, 'plans');
    await page.getByRole('button', { name: 'Buy Basic' }).click();

    await page.waitForURL(/\/checkout\//);
    await page.getByText('Waiting for your payment…').waitFor();
    await page.getByText('¥99.00').waitFor();
    await screenshot(page, 'checkout');
    await payAtSandboxCashier(page, 'Alipay');

    // The checkout page follows payments.status and moves on to the new instance by itself.
    await page.getByText('Payment received').waitFor({ timeout: 30_000 });
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const instanceId = instanceIdIn(page.url());

    // No credentials yet (they belong to the subscription the payment just created): the
    // instance still starts, and the page follows its first deployment to RUNNING by itself.
    await page.locator('[aria-current="step"][data-phase="BUILDING"]').waitFor({ timeout: 30_000 });
    await screenshot(page, 'instance-progress');
    const first = await watchDeployment(page, DEPLOY_TIMEOUT_MS);
    expect(first.phases).toEqual(expect.arrayContaining(['BUILDING', 'DEPLOYING']));
    expect(first.phases.indexOf('BUILDING')).toBeLessThan(first.phases.indexOf('DEPLOYING'));
    expect(first.progress.at(-1)).toBe(100);
    expect(first.progress[0]).toBeLessThan(100);
    await screenshot(page, 'instance-running');
    // Deployments nobody follows phase by phase from here on run quickly.
    await succeedBuildsOf(system, instanceId, 'quick');

    await page
      .getByRole('navigation', { name: 'Instances' })
      .getByRole('link', { name: 'Logs' })
      .click();
    const log = page.getByRole('log', { name: 'Log lines' });
    await log.getByText('[build]').first().waitFor();
    await log.getByText('[deploy]').first().waitFor();
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('Server listening');
    await page.getByText(/^1 of \d+ lines$/).waitFor();
    await log.getByText(/Server listening on http/).waitFor();
    await screenshot(page, 'logs');

    await page.goto(`/credentials?instance=${instanceId}`);
    const telegram = page.getByRole('group', { name: 'Telegram' });
    await telegram.getByRole('button', { name: 'Connect Telegram' }).click();
    await telegram.getByLabel('Bot token').fill('bad-token');
    await telegram.getByRole('button', { name: 'Save credentials' }).click();
    // Inline validation: the field says what is wrong and nothing is saved.
    await telegram.getByText('Not set').waitFor();
    await telegram.getByLabel('Bot token').fill('123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
    await telegram.getByRole('button', { name: 'Save credentials' }).click();
    await telegram.getByText('Enabled').waitFor();
    const openai = page.getByRole('group', { name: 'OpenAI' });
    await openai.getByRole('button', { name: 'Connect OpenAI' }).click();
    await openai.getByLabel('API key').fill('sk-e2e-0123456789abcdefghij');
    await openai.getByRole('button', { name: 'Save credentials' }).click();
    await openai.getByText('Enabled').waitFor();
    await screenshot(page, 'credentials');
    await page.getByRole('button', { name: 'Redeploy now to apply' }).click();
    await page.getByText('Redeploy started').first().waitFor();

    await page.getByRole('link', { name: 'Open the instance' }).click();
    await page.getByText('Credentials update').first().waitFor({ timeout: 15_000 });
    await watchDeployment(page, DEPLOY_TIMEOUT_MS);
    await page
      .getByRole('navigation', { name: 'Instances' })
      .getByRole('link', { name: 'Deployments' })
      .click();
    await page.getByRole('row', { name: /Credentials update.*Succeeded/ }).waitFor();
    expect(await page.getByRole('row', { name: /Failed/ }).count()).toBe(0);
  });

  it('a customer whose first clone fails its build sees FAILED, why, and a Retry that works', async (test) => {
    const customer = brokenCustomer;
    const { page, context } = await openPage(
      browser,
      system.webUrl,
      'customer-failed',
      test.onTestFinished,
    );
    await useSession(context, system.webUrl, customer.cookie);
    await page.goto(`/instances/${customer.instance.id}`);
    await waitForInstanceStatus(page, 'FAILED');
    const reason = page.getByRole('alert').filter({ hasText: 'Why it stopped' }).first();
    await reason
      .getByText(/The build failed/)
      .first()
      .waitFor();
    await screenshot(page, 'instance-failed');

    await succeedBuildsOf(system, customer.instance.id, 'quick');
    await confirmAction(page, 'Retry');
    await waitForInstanceStatus(page, 'RUNNING');
    const after = await customer.client.instances.list.query({});
    expect(after.items[0]?.status).toBe('RUNNING');
  });

  it('is offered WeChat Pay in the sandbox and sees its QR code', async (test) => {
    const page = await customerPage('customer-wechat', test);
    await page.goto('/plans');
    await choosePaymentMethod(page, 'WeChat Pay');
    await page.getByRole('button', { name: 'Buy Pro' }).click();
    await page.waitForURL(/\/checkout\//);
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await page.getByRole('link', { name: 'Open on this device' }).waitFor();
    await screenshot(page, 'checkout-wechat');
  });

  it('switches between 中文 and English; the choice survives a reload', async (test) => {
    const page = await customerPage('customer-languages', test);
    await page.goto(`/instances/${demoInstanceId}`);
    const languages = page.getByRole('banner').getByRole('group', { name: 'Language' });
    await page.getByText('Paid until').waitFor();
    // Dates per locale: "Nov 23, 2027" in English, "2027年11月23日" in Chinese.
    await page
      .getByText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/)
      .first()
      .waitFor();

    await languages.getByRole('button', { name: '中文' }).click();
    await page.getByText('服务到期').waitFor();
    await page
      .getByText(/^\d{4}年\d{1,2}月\d{1,2}日$/)
      .first()
      .waitFor();
    expect(await page.getByText('Paid until').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/);

    await page.reload();
    await page.getByText('服务到期').waitFor();
    await page.goto('/plans');
    await page.getByRole('heading', { name: '套餐与价格' }).waitFor();
    await page.getByText(/¥99\.00\s*每 30 天/).waitFor();
    await screenshot(page, 'plans-zh');

    await page
      .getByRole('banner')
      .getByRole('group', { name: '语言' })
      .getByRole('button', { name: 'English' })
      .click();
    await page.getByRole('heading', { name: 'Plans and pricing' }).waitFor();
    await page.getByText(/¥99\.00\s*per 30 days/).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^en/);
  });

  it('at phone width (375 px) opens the menu and navigates with it', async (test) => {
    const page = await customerPage('customer-phone', test);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/instances');
    await page.getByRole('heading', { name: 'Instances', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Open menu' }).click();
    const menu = page.getByRole('dialog', { name: 'Menu' });
    await menu.getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('heading', { name: 'Plans and pricing' }).waitFor();
    await menu.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/plans');
    await screenshot(page, 'phone-plans');
  });

  it('customer opens the account page from the account menu', async (test) => {
    const page = await customerPage('customer-account', test);
    await page.goto('/instances');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    const email = page.getByRole('textbox', { name: 'Email' });
    await email.waitFor();
    expect(await email.inputValue()).toBe(system.customer.email);
    await screenshot(page, 'account');
  });

  it('admin signs in, sees the fleet, filters the instances, opens a failed one and retries it', async (test) => {
    // A customer whose first clone failed its build: the admin's retry brings the instance up.
    const customer = stuckCustomer;
    const stuck = customer.instance;
    await succeedBuildsOf(system, stuck.id, 'quick');

    const { page } = await openPage(browser, system.webUrl, 'admin', test.onTestFinished);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(system.admin.email);
    await page.getByLabel('Password').fill(system.admin.password);
    await screenshot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Admin console' }).click();
    await page.getByRole('heading', { name: 'Fleet overview' }).waitFor();
    const instances = page.getByRole('term').filter({ hasText: /^Instances$/ });
    const count = Number(await instances.locator('xpath=following-sibling::dd[1]').innerText());
    expect(count).toBeGreaterThanOrEqual(2); // the demo instance and the stuck one, at least
    await page.getByRole('region', { name: 'Instances by status' }).getByText('Running').waitFor();
    await screenshot(page, 'admin-overview');

    const adminNav = page.getByRole('navigation', { name: 'Admin console' });
    await adminNav.getByRole('link', { name: 'Needs attention' }).click();
    await page.getByRole('row', { name: new RegExp(stuck.name) }).waitFor();
    await screenshot(page, 'admin-attention');

    await adminNav.getByRole('link', { name: 'Instances' }).click();
    await page
      .getByRole('group', { name: 'Status' })
      .getByRole('button', { name: 'Failed' })
      .click();
    await page.getByRole('searchbox', { name: 'User' }).fill(customer.email);
    // The text filter applies after a pause, through the URL; only then is the table final.
    await page.waitForURL((url) => url.searchParams.get('user') === customer.email);
    const rows = page.getByRole('table', { name: 'All instances' }).getByRole('row');
    await rows.filter({ hasText: customer.email }).waitFor();
    // The header row and that one instance, once the debounced filter has applied.
    await eventually(
      () => rows.count(),
      (n) => n === 2,
      { what: 'the filtered table' },
    );
    await screenshot(page, 'admin-instances');

    await page.getByRole('link', { name: stuck.name }).click();
    await page
      .getByRole('group', { name: 'Instance actions' })
      .getByRole('button', { name: 'Retry' })
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Retry' }).click();
    await page.locator('main [data-status="RUNNING"]').waitFor({ timeout: DEPLOY_TIMEOUT_MS });
    const after = await customer.client.instances.list.query({});
    expect(after.items[0]?.status).toBe('RUNNING');
  });
});
