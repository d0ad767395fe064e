import type { Page } from 'playwright-core';

/** Deployments take ~17 s in the simulator; a provisioning adds a few seconds and a retry. */
export const DEPLOY_TIMEOUT_MS = 60_000;

/** The instance id of an `/instances/<id>` or `/admin/instances/<id>` URL. */
export function instanceIdIn(url: string): string {
  const id = /\/instances\/([0-9a-f-]{36})/.exec(url)?.[1];
  if (!id) throw new Error(`no instance id in ${url}`);
  return id;
}

/** Waits until the instance page's header shows `status` (the InstanceStatus enum value). */
export async function waitForInstanceStatus(
  page: Page,
  status: string,
  timeout = DEPLOY_TIMEOUT_MS,
): Promise<void> {
  await page.locator(`main header [data-status="${status}"]`).waitFor({ timeout });
}

/** Clicks an action button, then the same-named confirm button of its dialog. */
export async function confirmAction(page: Page, name: string): Promise<void> {
  await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The phase the instance page marks as current (aria-current="step"), e.g. "BUILDING". */
export function currentPhase(page: Page): Promise<string | null> {
  // evaluateAll does not wait: the step may be gone by the time we look (deployment done).
  return page
    .locator('[aria-current="step"]')
    .evaluateAll((steps) => steps[0]?.getAttribute('data-phase') ?? null);
}

/** The deployment progress bar's value (0–100), or null while it is indeterminate/absent. */
export function progressValue(page: Page): Promise<number | null> {
  return page.getByRole('progressbar').evaluateAll((bars) => {
    const value = bars[0]?.getAttribute('aria-valuenow');
    return value == null ? null : Number(value);
  });
}

/**
 * Follows a deployment on the instance page until the instance is RUNNING, recording every
 * phase the stepper marked as current and the progress values seen on the way.
 */
export async function watchDeployment(
  page: Page,
  timeout = DEPLOY_TIMEOUT_MS,
): Promise<{ phases: string[]; progress: number[] }> {
  const phases: string[] = [];
  const progress: number[] = [];
  const until = Date.now() + timeout;
  const running = page.locator('main header [data-status="RUNNING"]');
  const deploymentDone = page.locator('[data-status="SUCCEEDED"]');
  for (;;) {
    // Done is read before sampling, so the last sample shows the finished deployment.
    const done = (await running.count()) > 0 && (await deploymentDone.count()) > 0;
    const phase = await currentPhase(page);
    if (phase && phases.at(-1) !== phase) phases.push(phase);
    const value = await progressValue(page);
    if (value !== null && progress.at(-1) !== value) progress.push(value);
    if (done) return { phases, progress };
    if (Date.now() > until) {
      throw new Error(`not RUNNING after ${timeout} ms; phases seen: ${phases.join(' → ')}`);
    }
    // Sampling, not sleeping for a result: the page polls every ~2 s, phases last 2–8 s.
    await page.waitForTimeout(250);
  }
}
