import type { Locale } from './locale';
import { messages, type Messages } from './messages';

type AreaKey<A extends keyof Messages> = `${A & string}.${keyof Messages[A]['en'] & string}`;
/** Every message key, `<area>.<key>`; a wrong key is a type error. */
export type MessageKey = { [A in keyof Messages]: AreaKey<A> }[keyof Messages];
export type MessageParams = Record<string, string | number>;
export type T = (key: MessageKey, params?: MessageParams) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Replaces `{name}` with params.name; an unknown placeholder stays visible rather than vanish. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const dot = key.indexOf('.');
  const area = key.slice(0, dot) as keyof Messages;
  const catalog = messages[area]?.[locale] as Record<string, string> | undefined;
  const template = catalog?.[key.slice(dot + 1)];
  // Types make a miss impossible at compile time; at run time show the key, never crash.
  return template === undefined ? key : interpolate(template, params);
}

export function createT(locale: Locale): T {
  return (key, params) => translate(locale, key, params);
}
