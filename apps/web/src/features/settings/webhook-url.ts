/**
 * The browser-side check of an outbound webhook URL, mirroring the API's rules that can be
 * checked without knowing the server's setup: https (or http to localhost, which the API accepts
 * in development only), no embedded user or password. The API has the last word.
 */
export type WebhookUrlProblem = 'invalid' | 'scheme' | 'userinfo';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function webhookUrlProblem(raw: string): WebhookUrlProblem | null {
  const text = raw.trim();
  if (!URL.canParse(text)) return 'invalid';
  const url = new URL(text);
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) return 'scheme';
  if (url.username !== '' || url.password !== '') return 'userinfo';
  return null;
}

/** `instance.running` → `instance`: events are grouped by what they concern in the picker. */
export function groupEvents<E extends string>(events: readonly E[]): [string, E[]][] {
  const groups = new Map<string, E[]>();
  for (const event of events) {
    const group = event.split('.')[0] ?? event;
    groups.set(group, [...(groups.get(group) ?? []), event]);
  }
  return [...groups];
}
