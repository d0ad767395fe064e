import type { Page } from 'playwright-core';

/** Creates an account through the sign-up page; resolves once the app has signed it in. */
export async function signUpInBrowser(page: Page, email: string): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('analytical-engine-1843');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Instances', level: 1 }).waitFor();
}

/**
 * Picks a payment method on /plans. The radios are visually hidden behind their styled labels,
 * so the label is what a person clicks.
 */
export async function choosePaymentMethod(page: Page, name: string): Promise<void> {
  await page.locator('label').filter({ hasText: name }).click();
  if (!(await page.getByRole('radio', { name }).isChecked())) {
    throw new Error(`payment method ${name} is not selected after clicking it`);
  }
}

/**
 * On the checkout page: opens the sandbox cashier (a new tab, as a buyer would), checks it plays
 * `provider`, presses Pay and waits for its "Paid" answer, then closes the tab.
 */
export async function payAtSandboxCashier(page: Page, provider: string): Promise<void> {
  const [cashier] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('link', { name: 'Open the sandbox cashier' }).click(),
  ]);
  await cashier.getByText(`Paying with ${provider} (sandbox)`).waitFor();
  await cashier.getByRole('button', { name: 'Pay', exact: true }).click();
  await cashier.getByRole('heading', { name: /Paid/ }).waitFor();
  await cashier.close();
}
