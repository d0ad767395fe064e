/** What the notifications list needs beyond the rows themselves. */

/** The instance a notification concerns, when the worker recorded one. */
export function notificationInstanceId(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const id = (data as Record<string, unknown>).instanceId;
  return typeof id === 'string' && id !== '' ? id : null;
}
