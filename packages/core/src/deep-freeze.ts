/**
 * Freezes plain objects and arrays recursively so a caller cannot edit a shared catalog in place
 * (e.g. a price) for every other caller in the process. Class instances such as zod schemas are
 * left alone: they keep internal caches that must stay writable.
 */
export function deepFreeze<T>(value: T): T {
  if (Array.isArray(value) || isPlainObject(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
