import { getChannel, isChannelId } from './channels/catalog';
import type { InstanceCredentials } from './env-vars';

/**
 * Every secret value in these credentials: what the worker must redact from logs, stored
 * deployment logs and error messages while it holds plaintext (DESIGN §6). Longest first, so a
 * redactor replaces a token before any shorter secret it contains; no duplicates; trimmed like
 * the values the builder sends. Fails closed: values of unknown channels or fields are secret.
 */
export function secretValuesOf(credentials: readonly InstanceCredentials[]): string[] {
  const secrets = new Set<string>();
  for (const { channel, values } of credentials) {
    if (typeof values !== 'object' || values === null) continue;
    const fields = isChannelId(channel) ? getChannel(channel).fields : [];
    for (const [key, value] of Object.entries(values)) {
      const known = fields.find((field) => field.key === key);
      if (typeof value === 'string' && value.trim() !== '' && (known?.secret ?? true)) {
        secrets.add(value.trim());
      }
    }
  }
  return [...secrets].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}
