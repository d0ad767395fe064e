import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { createRoundhouseClient } from '../src/client';

it('loads no server module at run time: every import of ./ code is type-only', async () => {
  const source = await readFile(new URL('../src/client.ts', import.meta.url), 'utf8');
  const imports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)];
  const runtimeLocal = imports.filter(([, type, from]) => !type && from!.startsWith('.'));
  expect(imports.length).toBeGreaterThan(0);
  expect(runtimeLocal.map(([, , from]) => from)).toEqual([]);
});

it('sends the API key in a header with every batched request', async () => {
  const seen: { url: string; key: string | null }[] = [];
  const client = createRoundhouseClient({
    url: 'http://api.invalid/',
    apiKey: 'rh_test',
    fetch: async (input, init) => {
      seen.push({ url: String(input), key: new Headers(init?.headers).get('x-api-key') });
      return Response.json([{ result: { data: { json: [] } } }]);
    },
  });
  expect(await client.plans.list.query()).toEqual([]);
  expect(seen).toEqual([
    { url: expect.stringMatching(/^http:\/\/api\.invalid\/trpc\/plans\.list/), key: 'rh_test' },
  ]);
});
