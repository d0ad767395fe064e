import { getChannel, isChannelId } from '@roundhouse/core';
import type { CredentialsResult, MaskedCredential } from '@roundhouse/db/repositories/credentials';

/** Marks a masked export, so importing one by mistake gets a clear refusal. */
export const EXPORT_FORMAT = 'roundhouse.credentials.export';

/** What a customer sees of a stored credential: never a value, only masked display data. */
export function credentialDto(row: MaskedCredential) {
  const definition = isChannelId(row.channel) ? getChannel(row.channel) : undefined;
  return {
    channel: row.channel,
    kind: definition?.kind ?? null,
    displayName: definition ? { ...definition.name } : { zh: row.channel, en: row.channel },
    last4: row.last4,
    fingerprint: row.fingerprint,
    enabled: row.enabled,
    validatedAt: row.validated_at,
    updatedAt: row.updated_at,
  };
}

export type CredentialDto = ReturnType<typeof credentialDto>;

export function credentialsResultDto(result: CredentialsResult) {
  return { credentials: result.credentials.map(credentialDto), apply: result.apply };
}

/** The masked credentials as a downloadable JSON document (the same data as `list`). */
export function exportDocument(subscriptionId: string, rows: MaskedCredential[]) {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    subscriptionId,
    channels: Object.fromEntries(
      rows.map((row) => {
        const { channel, ...masked } = credentialDto(row);
        return [
          channel,
          {
            ...masked,
            validatedAt: masked.validatedAt?.toISOString() ?? null,
            updatedAt: masked.updatedAt.toISOString(),
          },
        ];
      }),
    ),
  };
}
