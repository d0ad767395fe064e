/** Argument checks: bad input fails before any request, with the argument named. */
import { ResourceError } from '@roundhouse/core';

/** Refused input: RESOURCE/INVALID, like Railway's own refusal, so no caller retries it. */
export function invalid(message: string): ResourceError {
  return new ResourceError(message, { reason: 'INVALID' });
}

export function requireId(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(`${name} must be a non-empty string`);
  }
  return value;
}

export function requireIds(name: string, values: readonly unknown[]): string[] {
  return values.map((value, index) => requireId(`${name}[${index}]`, value));
}

/** Railway answers `true` for a done mutation; anything else means it did not happen. */
export function expectTrue(result: boolean, operation: string): void {
  if (result !== true) {
    throw invalid(`${operation}: Railway answered false`);
  }
}
