import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';

/** A base64 key whose bytes are random, so its text can be searched for in messages. */
export function rawKey(bytes = 32): string {
  return randomBytes(bytes).toString('base64');
}

/** Neither the material nor any 8-character piece of it appears in `text`. */
export function expectNoMaterial(text: string, material: string): void {
  for (let i = 0; i + 8 <= material.length; i += 1) {
    expect(text).not.toContain(material.slice(i, i + 8));
  }
}

/** The error a call throws (fails the test if it doesn't throw). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
