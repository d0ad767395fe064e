/** A flat catalog: `key → message`; `{name}` marks a placeholder. */
export type Catalog = Record<string, string>;

/**
 * Declares an area's messages in both locales. zh must have exactly en's keys: a missing key
 * fails the mapped type, an extra one fails the object literal's excess-property check.
 */
export function defineMessages<E extends Catalog>(messages: {
  en: E;
  zh: { [K in keyof E]: string };
}): { en: E; zh: { [K in keyof E]: string } } {
  return messages;
}
