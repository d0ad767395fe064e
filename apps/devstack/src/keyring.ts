import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseKeyring, type Keyring } from '@roundhouse/crypto';
import type { StackConfig } from './env';

/**
 * The keyring the api and the worker encrypt credentials with: the configured one, else the
 * development key the api generated under the data directory (it exists once the api is up).
 */
export function stackKeyring(config: StackConfig): Keyring {
  if (config.encryption.keys || config.encryption.key) return parseKeyring(config.encryption);
  const file = path.join(config.dataDir, 'encryption-keys');
  return parseKeyring({ keys: readFileSync(file, 'utf8').trim() });
}
