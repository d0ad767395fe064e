import {
  buildInstanceVariables,
  ConfigurationError,
  type InstanceCredentials,
  type PlanId,
  secretValuesOf,
} from '@roundhouse/core';
import { createRedactor, decrypt, isSecretKey, type Redactor } from '@roundhouse/crypto';
import type { Instance } from '@roundhouse/db';
import { instanceInputs } from '@roundhouse/db/repositories/worker-instances';
import type { Variables } from '@roundhouse/railway-sdk';
import type { WorkerDeps } from '../deps';

type Deps = Pick<WorkerDeps, 'db' | 'keyring' | 'config'>;

/** The generated variables of an instance's public service, and what must never be stored. */
export interface InstanceVariables {
  variables: Record<string, string>;
  /** Every secret value the variables carry (redact these from anything stored). */
  secrets: string[];
}

/**
 * Decrypts the instance's enabled channel credentials (plaintext lives only in this process, for
 * the Railway call) and builds its variables with core's builder: system values, plan limits and
 * the credentials. Throws ConfigurationError when a credential cannot be opened or the set is
 * incomplete (the builder names channels and fields, never values), before anything is created.
 */
export async function instanceVariables(
  deps: Deps,
  instance: Instance,
): Promise<InstanceVariables> {
  const { plan, credentials } = await decryptedInputs(deps, instance);
  const variables = buildInstanceVariables({
    instance: {
      id: instance.id,
      name: instance.name,
      subscriptionId: instance.subscription_id,
      userId: instance.user_id,
    },
    appUrl: deps.config.appUrl,
    plan,
    credentials,
  });
  return { variables, secrets: secretValuesOf(credentials) };
}

/**
 * A redactor for an instance's secrets when only a failure needs redacting. Credentials that no
 * longer open add nothing (token shapes are still caught); the failure itself is what matters.
 */
export async function instanceRedactor(deps: Deps, instance: Instance): Promise<Redactor> {
  try {
    return createRedactor(secretValuesOf((await decryptedInputs(deps, instance)).credentials));
  } catch {
    return createRedactor([]);
  }
}

/** Values under secret-looking names (a template's own tokens and keys) are redacted too. */
export function secretVariableValues(variables: Variables): string[] {
  return Object.entries(variables)
    .filter(([name, value]) => isSecretKey(name) && !value.includes('${{'))
    .map(([, value]) => value);
}

export function redactorFor(...secretLists: readonly string[][]): Redactor {
  return createRedactor(secretLists.flat());
}

async function decryptedInputs(
  deps: Deps,
  instance: Instance,
): Promise<{ plan: PlanId; credentials: InstanceCredentials[] }> {
  const inputs = await instanceInputs(deps.db, instance);
  const credentials = inputs.credentials.map((row) => ({
    channel: row.channel,
    values: parseValues(
      row.channel,
      decrypt(deps.keyring, row.ciphertext, {
        table: 'channel_credentials',
        rowId: row.id,
        field: 'ciphertext',
      }),
    ),
  }));
  return { plan: inputs.plan, credentials };
}

function parseValues(channel: string, plaintext: string): unknown {
  try {
    return JSON.parse(plaintext) as unknown;
  } catch {
    throw new ConfigurationError(
      `The stored ${channel} credentials are not a JSON object; save them again`,
      { reason: 'INVALID', details: { channel } },
    );
  }
}
