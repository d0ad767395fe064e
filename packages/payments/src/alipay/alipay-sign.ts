import { createSign } from 'node:crypto';

/**
 * The string Alipay signs and we verify (Alipay's documented rule): every param except sign and
 * sign_type, empty values left out, sorted by name, raw (decoded) values as `k=v` joined by `&`.
 */
export function alipaySignContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && key !== 'sign_type' && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/**
 * Signs notification params the way Alipay does (RSA2: SHA256withRSA over the params sorted by
 * name as `k=v&…`, without sign and sign_type) and returns the form body Alipay would POST.
 * Only the sandbox cashier and tests sign; production only verifies.
 */
export function signAlipayForm(params: Record<string, string>, privateKey: string): string {
  const content = alipaySignContent(params);
  const sign = createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');
  return new URLSearchParams({ ...params, sign_type: 'RSA2', sign }).toString();
}
