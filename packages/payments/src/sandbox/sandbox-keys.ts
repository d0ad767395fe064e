import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The sandbox's "Alipay": a real RSA key pair and merchant ids of its own. The cashier signs
 * with the private key; our Alipay adapter verifies with the public key, as it would Alipay's.
 */
export interface SandboxKeys {
  appId: string;
  sellerId: string;
  /** PKCS#8 PEM: signs notifications (the sandbox plays Alipay). */
  alipayPrivateKey: string;
  /** SPKI PEM: what our adapter verifies with. */
  alipayPublicKey: string;
  /** PKCS#8 PEM: our app key (page pay URLs would be signed with it). */
  appPrivateKey: string;
}

const keysSchema = z.object({
  appId: z.string().min(1),
  sellerId: z.string().min(1),
  alipayPrivateKey: z.string().min(1),
  alipayPublicKey: z.string().min(1),
  appPrivateKey: z.string().min(1),
});

export function generateSandboxKeys(): SandboxKeys {
  const alipay = rsaPair();
  return {
    appId: `sandbox-app-${randomUUID().slice(0, 8)}`,
    sellerId: `2088${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
    alipayPrivateKey: alipay.privateKey,
    alipayPublicKey: alipay.publicKey,
    appPrivateKey: rsaPair().privateKey,
  };
}

/** Development: generated at first start and kept (0600) so restarts verify old pages. */
export function loadOrCreateSandboxKeys(file: string): SandboxKeys {
  if (existsSync(file)) return keysSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  mkdirSync(path.dirname(file), { recursive: true });
  const keys = generateSandboxKeys();
  try {
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // The API and the worker start together: whoever wrote first wins.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return keysSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  }
  return keys;
}

let ephemeral: SandboxKeys | undefined;

/** Tests: one key pair per process (generated on first use, never written anywhere). */
export function ephemeralSandboxKeys(): SandboxKeys {
  ephemeral ??= generateSandboxKeys();
  return ephemeral;
}

function rsaPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}
