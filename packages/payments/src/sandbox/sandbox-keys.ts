import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
  /** The sandbox's "WeChat Pay" (its checkout option WECHATPAY). */
  wechatpay: SandboxWechatpayKeys;
}

/**
 * WeChat Pay played locally, in the WeChat Pay public key mode: the cashier signs with the
 * platform private key under `platformSerial` (PUB_KEY_ID_…) and encrypts with the APIv3 key;
 * our verifier checks with the public key, as it would WeChat Pay's.
 */
export interface SandboxWechatpayKeys {
  appId: string;
  mchId: string;
  merchantSerial: string;
  /** PKCS#8 PEM: signs our API requests (the sandbox never sends one). */
  merchantPrivateKey: string;
  /** 32 characters. */
  apiV3Key: string;
  platformSerial: string;
  /** PKCS#8 PEM: signs notifications (the sandbox plays WeChat Pay). */
  platformPrivateKey: string;
  /** SPKI PEM: what our verifier checks with. */
  platformPublicKey: string;
}

const text = z.string().min(1);
const wechatpaySchema = z.object({
  appId: text,
  mchId: text,
  merchantSerial: text,
  merchantPrivateKey: text,
  apiV3Key: z.string().length(32),
  platformSerial: text,
  platformPrivateKey: text,
  platformPublicKey: text,
});
const keysSchema = z.object({
  appId: text,
  sellerId: text,
  alipayPrivateKey: text,
  alipayPublicKey: text,
  appPrivateKey: text,
  // Key files written before WeChat Pay joined the sandbox lack it (see loadOrCreateSandboxKeys).
  wechatpay: wechatpaySchema.optional(),
});

export function generateSandboxKeys(): SandboxKeys {
  const alipay = rsaPair();
  return {
    appId: `sandbox-app-${randomUUID().slice(0, 8)}`,
    sellerId: `2088${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
    alipayPrivateKey: alipay.privateKey,
    alipayPublicKey: alipay.publicKey,
    appPrivateKey: rsaPair().privateKey,
    wechatpay: generateSandboxWechatpayKeys(),
  };
}

export function generateSandboxWechatpayKeys(): SandboxWechatpayKeys {
  const platform = rsaPair();
  const digits = (n: number) => randomBytes(n).toString('hex').toUpperCase();
  return {
    appId: `wxsandbox${digits(4).toLowerCase()}`,
    mchId: `19${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    merchantSerial: digits(20),
    merchantPrivateKey: rsaPair().privateKey,
    // Printable, exactly 32 bytes, like the key merchants set in WeChat's console.
    apiV3Key: randomBytes(16).toString('hex'),
    platformSerial: `PUB_KEY_ID_${digits(16)}`,
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
  };
}

/**
 * Development: generated at first start and kept (0600) so restarts verify old pages. A file
 * from before the WeChat Pay sandbox still loads: its Alipay keys are kept and WeChat keys are
 * added to it.
 */
export function loadOrCreateSandboxKeys(file: string): SandboxKeys {
  if (existsSync(file))
    return upgraded(file, keysSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
  mkdirSync(path.dirname(file), { recursive: true });
  const keys = generateSandboxKeys();
  try {
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // The API and the worker start together: whoever wrote first wins.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return upgraded(file, keysSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
  }
  return keys;
}

/**
 * Adds WeChat keys to an older file by replacing it whole (rename is atomic: a reader sees the
 * old or the new file). If the API and the worker upgrade at the same instant, the last rename
 * wins and the other process keeps its own WeChat keys until restart; harmless, as only the
 * API signs and verifies sandbox notifications, with the keys it holds.
 */
function upgraded(file: string, stored: z.infer<typeof keysSchema>): SandboxKeys {
  if (stored.wechatpay) return { ...stored, wechatpay: stored.wechatpay };
  const keys = { ...stored, wechatpay: generateSandboxWechatpayKeys() };
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, file);
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
