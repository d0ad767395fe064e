import { apiClient, eventually } from './api';
import { clearOutcomes, failEveryBuild } from './simulator';
import type { RunningSystem } from './system';

export interface PaidCustomer {
  email: string;
  cookie: string;
  client: ReturnType<typeof apiClient>;
  orderId: string;
}

/**
 * Cookie header of a fresh account, signed up through better-auth as the sign-up page does.
 * better-auth allows a few sign-ups per address every few seconds; the browser tests running
 * alongside sign up too, so a 429 waits for the window it names and tries again.
 */
async function signUp(system: RunningSystem, email: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${system.apiUrl}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: system.webUrl },
      body: JSON.stringify({ email, password: 'e2e-password-123', name: 'E2E customer' }),
    });
    await res.body?.cancel();
    if (res.status === 429 && attempt < 5) {
      const seconds = Number(res.headers.get('x-retry-after') ?? 2);
      await new Promise((resolve) => setTimeout(resolve, (seconds + 0.5) * 1000));
      continue;
    }
    if (!res.ok) throw new Error(`sign-up of ${email} failed: HTTP ${res.status}`);
    return res.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
  }
}

/**
 * A new customer who bought BASIC and paid at the sandbox cashier, without a browser: the
 * API calls the dashboard makes, then the cashier's "Pay" form post. The payment creates their
 * instance and queues its clone, which starts building a few seconds later.
 */
export async function newPaidCustomer(system: RunningSystem, tag: string): Promise<PaidCustomer> {
  const email = `${tag}-${Date.now()}@example.com`;
  const cookie = await signUp(system, email);
  const client = apiClient(system, cookie);
  const { order } = await client.orders.create.mutate({
    plan: 'BASIC',
    provider: 'ALIPAY',
    currency: 'CNY',
  });
  const paid = await fetch(`${system.apiUrl}/sandbox/cashier/${order.id}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  if (!paid.ok) throw new Error(`sandbox payment failed: HTTP ${paid.status} ${await paid.text()}`);
  return { email, cookie, client, orderId: order.id };
}

/**
 * New paid customers whose first clone fails its build. Their instance ids (and so their
 * projects) exist only once paid, and the clone builds seconds later, so every build fails
 * while they are created: call this while no other deployment can start.
 */
export async function newCustomersWithFailedClones(system: RunningSystem, tags: string[]) {
  await failEveryBuild(system);
  try {
    return await Promise.all(
      tags.map(async (tag) => {
        const customer = await newPaidCustomer(system, tag);
        const { items } = await eventually(
          () => customer.client.instances.list.query({}),
          (page) => page.items[0]?.status === 'FAILED',
          { timeoutMs: 60_000, what: `${tag}'s FAILED instance` },
        );
        return { ...customer, instance: items[0]! };
      }),
    );
  } finally {
    await clearOutcomes(system);
  }
}

export type FailedCustomer = Awaited<ReturnType<typeof newCustomersWithFailedClones>>[number];
