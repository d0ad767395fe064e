import type { Page } from 'playwright-core';

/**
 * Creates an account through the sign-up page; resolves once the app has signed it in.
 * better-auth allows a few sign-ups per address every few seconds and the tests alongside sign
 * up too, so when the page says to try again in N s, this waits that long and does so, as a
 * person would.
 */
export async function signUpInBrowser(page: Page, email: string): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('analytical-engine-1843');
  const signedIn = page.getByRole('heading', { name: 'Instances', level: 1 });
  const limited = page.getByText(/^Too many (attempts|requests)/).first();
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('button', { name: 'Create account' }).click();
    // The form clears the previous attempt's message on submit; a new one may come back fast.
    if (attempt > 1) await limited.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => {});
    await signedIn.or(limited).waitFor();
    if ((await signedIn.count()) > 0) return;
    if (attempt === 5) throw new Error(`sign-up of ${email} still rate limited`);
    const seconds = Number(/in (\d+) s/.exec(await limited.innerText())?.[1] ?? 10);
    await page.waitForTimeout((seconds + 0.5) * 1000);
  }
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
