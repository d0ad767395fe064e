/**
 * Strict base64 decoding. Buffer.from(text, 'base64') silently skips invalid characters and
 * ignores stray bits, so a typo in a key or a flipped character in a stored envelope would decode
 * to *something*. Here only the canonical encoding of some byte string is accepted.
 */

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;

/** Decodes base64 or base64url, padded or not; undefined unless `text` is canonical. */
export function decodeBase64(text: string): Buffer | undefined {
  const alphabet = URL_SAFE.test(text) ? 'base64url' : STANDARD.test(text) ? 'base64' : undefined;
  if (alphabet === undefined) return undefined;
  const bytes = Buffer.from(text, alphabet);
  const unpadded = bytes.toString(alphabet).replace(/=+$/, '');
  const padded = unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4);
  return text === unpadded || text === padded ? bytes : undefined;
}

export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
