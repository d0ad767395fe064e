import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { webApp } from '../src/http/web-app';

const INDEX =
  '<!doctype html><div id="root"></div><script src="/assets/index-Ab12Cd34.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

let dist: string;
let outside: string;
let app: Hono;

beforeAll(() => {
  const root = mkdtempSync(path.join(tmpdir(), 'rh-web-'));
  dist = path.join(root, 'dist');
  outside = path.join(root, 'secret.txt');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  mkdirSync(path.join(dist, '.vite'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  writeFileSync(path.join(dist, 'assets', 'logo-Zz99Yy88.svg'), '<svg/>');
  writeFileSync(path.join(dist, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
  writeFileSync(path.join(dist, '.vite', 'manifest.json'), '{}');
  writeFileSync(outside, 'do not serve');
  // A file under a server prefix must not shadow the API.
  mkdirSync(path.join(dist, 'api'));
  writeFileSync(path.join(dist, 'api', 'data.json'), '{"from":"dist"}');

  // The API's own routes behind it, as in createApp: some share a prefix with client routes.
  app = new Hono();
  app.use(webApp(dist));
  app.get('/api/data.json', (c) => c.json({ from: 'api' }));
  app.get('/invoices/:file', (c) => c.text(`document ${c.req.param('file')}`));
  app.post('/trpc/*', (c) => c.json({ trpc: true }));
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND' } }, 404));
  return () => rmSync(root, { recursive: true, force: true });
});

describe('webApp', () => {
  it('serves index.html at / with no-cache and an ETag that revalidates', async () => {
    const response = await app.request('/', { headers: HTML });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
    expect(await (await app.request('/', { headers: { accept: '*/*' } })).text()).toBe(INDEX);

    const etag = response.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await app.request('/', { headers: { ...HTML, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers client routes with index.html (SPA fallback), including nested ones', async () => {
    for (const route of ['/instances', '/instances/3f1c/logs', '/invoices/9b2e', '/sign-in']) {
      const response = await app.request(route, { headers: HTML });
      expect(response.status, route).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('serves hashed assets as immutable with their content type, gzipped when accepted', async () => {
    const plain = await app.request('/assets/index-Ab12Cd34.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await plain.text()).toBe(SCRIPT);

    const gzipped = await app.request('/assets/index-Ab12Cd34.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('vary')).toBe('Accept-Encoding');
    const body = Buffer.from(await gzipped.arrayBuffer());
    expect(body.byteLength).toBeLessThan(SCRIPT.length / 4);
    expect(gunzipSync(body).toString()).toBe(SCRIPT);

    const svg = await app.request('/assets/logo-Zz99Yy88.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    const icon = await app.request('/favicon.ico');
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await app.request('/assets/index-Ab12Cd34.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(SCRIPT.length));
    expect(await response.text()).toBe('');
  });

  it('picks up a rebuilt file instead of a stale cached copy', async () => {
    const file = path.join(dist, 'robots.txt');
    writeFileSync(file, 'first');
    expect(await (await app.request('/robots.txt')).text()).toBe('first');
    writeFileSync(file, 'second, longer');
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(await (await app.request('/robots.txt')).text()).toBe('second, longer');
  });

  it('leaves server paths, documents and other methods to the API', async () => {
    expect(await (await app.request('/api/data.json', { headers: HTML })).json()).toEqual({
      from: 'api',
    });
    const invoice = await app.request('/invoices/9b2e.pdf', { headers: HTML });
    expect(await invoice.text()).toBe('document 9b2e.pdf');
    const trpc = await app.request('/trpc/plans.list', { method: 'POST', headers: HTML });
    expect(await trpc.json()).toEqual({ trpc: true });
    for (const reserved of ['/trpc/x', '/healthz', '/readyz', '/metrics', '/webhooks/stripe']) {
      expect((await app.request(reserved, { headers: HTML })).status, reserved).toBe(404);
    }
    expect((await app.request('/instances', { method: 'POST', headers: HTML })).status).toBe(404);
  });

  it('answers 404 (not index.html) for missing files, non-page requests and missing assets', async () => {
    const missingAsset = await app.request('/assets/index-OLDHASH1.js', { headers: HTML });
    expect(missingAsset.status).toBe(404);
    expect(
      (await app.request('/instances', { headers: { accept: 'application/json' } })).status,
    ).toBe(404);
    expect((await app.request('/missing.png', { headers: HTML })).status).toBe(404);
  });

  it('lists no directories and serves no hidden files', async () => {
    const folder = await app.request('/assets', { headers: { accept: '*/*' } });
    expect(folder.status).toBe(404);
    expect(await folder.text()).not.toContain('index-Ab12Cd34');
    expect((await app.request('/assets/')).status).toBe(404);
    expect((await app.request('/.vite/manifest.json')).status).toBe(404);
  });

  it('refuses path traversal, raw or encoded', async () => {
    const name = path.basename(outside);
    for (const attempt of [
      `/../${name}`,
      `/%2e%2e/${name}`,
      `/assets/%2e%2e/%2e%2e/${name}`,
      `/..%2f${name}`,
      `/assets/..%5c..%5c${name}`,
      '/index.html%00.js',
      '/%E0%A4%A',
    ]) {
      const response = await app.request(`http://localhost${attempt}`);
      expect(response.status, attempt).toBe(404);
      expect(await response.text(), attempt).not.toContain('do not serve');
    }
  });
});

describe('WEB_DIST_DIR', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rh-web-env-'));
  const secrets = {
    AUTH_SECRET: 'x'.repeat(32),
    ENCRYPTION_KEY: 'k'.repeat(44),
    DATABASE_URL: 'postgres://db.internal/roundhouse',
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults to the web build in production when there is one, to nothing otherwise', () => {
    const production = { NODE_ENV: 'production', ...secrets };
    expect(loadEnv(production, dataDir, dist).webDistDir).toBe(path.resolve(dist));
    expect(loadEnv(production, dataDir, path.join(dataDir, 'no-build')).webDistDir).toBeUndefined();
    expect(loadEnv({}, dataDir, dist).webDistDir).toBeUndefined();
  });

  it('refuses production without DATABASE_URL (no embedded database per replica)', () => {
    const { DATABASE_URL: _, ...withoutDatabase } = secrets;
    expect(() => loadEnv({ NODE_ENV: 'production', ...withoutDatabase }, dataDir, dist)).toThrow(
      /DATABASE_URL is required when NODE_ENV=production/,
    );
  });

  it('takes an explicit directory in any mode and refuses one without index.html', () => {
    expect(loadEnv({ WEB_DIST_DIR: dist }, dataDir).webDistDir).toBe(path.resolve(dist));
    expect(() => loadEnv({ WEB_DIST_DIR: path.join(dist, 'assets') }, dataDir)).toThrow(
      /WEB_DIST_DIR .* has no index.html/,
    );
  });
});
