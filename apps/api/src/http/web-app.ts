import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

/** Server paths: never answered from the web build, so a file there cannot shadow the API. */
const SERVER_PREFIXES = [
  '/trpc',
  '/api',
  '/webhooks',
  '/sandbox',
  '/healthz',
  '/readyz',
  '/metrics',
];

/** Vite writes content-hashed files under `assets/`: their URL changes whenever they do. */
const HASHED_DIR = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Unhashed files (favicon, robots.txt) may change with any deploy. */
const SHORT_LIVED = 'public, max-age=300';
/** index.html names the current hashed files: always revalidate (cheap with the ETag). */
const REVALIDATE = 'no-cache';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg)/;
/** Below this, gzip's framing costs more than it saves. */
const MIN_GZIP_BYTES = 1024;

interface LoadedFile {
  body: Uint8Array;
  gzipped: Uint8Array | undefined;
  etag: string;
  contentType: string;
}

/**
 * Serves the built web app (apps/web/dist) at the API's origin: files as they are, and
 * `index.html` for the SPA's client routes (a browser navigation — GET/HEAD accepting text/html —
 * to an extensionless path outside the server's prefixes). Anything else goes on to the API's
 * routes. Mounted before them, because some client routes share a prefix with server routes
 * (`/invoices/:id` is a page, `/invoices/:id.pdf` a document). Files are read once per change
 * (size + mtime) and kept gzipped in memory: a build is a few hundred kilobytes.
 */
export function webApp(distDir: string): MiddlewareHandler {
  const root = path.resolve(distDir);
  const cache = new Map<string, LoadedFile>();

  async function load(file: string, info: Stats): Promise<LoadedFile> {
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const cached = cache.get(file);
    if (cached?.etag === etag) return cached;
    const body = new Uint8Array(await readFile(file));
    const contentType =
      CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const compress = COMPRESSIBLE.test(contentType) && body.byteLength >= MIN_GZIP_BYTES;
    const loaded = { body, gzipped: compress ? gzipSync(body) : undefined, etag, contentType };
    cache.set(file, loaded);
    return loaded;
  }

  /** The regular file `urlPath` names inside the build, or undefined (missing, a folder, hidden). */
  async function find(urlPath: string): Promise<{ file: string; info: Stats } | undefined> {
    // Dot segments (`.vite/manifest.json`, `..`) are never served; `..` cannot reach this point
    // anyway since URL parsing resolves it, but an encoded one (%2e%2e) would.
    if (urlPath.split('/').some((segment) => segment.startsWith('.'))) return undefined;
    const file = path.join(root, urlPath);
    if (!file.startsWith(root + path.sep)) return undefined;
    const info = await stat(file).catch(() => undefined);
    return info?.isFile() ? { file, info } : undefined;
  }

  return async (c, next) => {
    const method = c.req.method;
    const urlPath = decodedPath(c.req.path);
    if ((method !== 'GET' && method !== 'HEAD') || urlPath === undefined || isServerPath(urlPath)) {
      return next();
    }
    const found = urlPath === '/' ? undefined : await find(urlPath);
    if (found) {
      const cacheControl = urlPath.startsWith(HASHED_DIR) ? IMMUTABLE : SHORT_LIVED;
      return send(c, await load(found.file, found.info), cacheControl);
    }
    // `/` is the app whatever the client accepts (curl, uptime checks); other paths only for pages.
    if (urlPath === '/' || isNavigation(c, urlPath)) {
      const index = await find('/index.html');
      if (index) return send(c, await load(index.file, index.info), REVALIDATE);
    }
    return next();
  };
}

function send(c: Context, file: LoadedFile, cacheControl: string): Response {
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'cache-control': cacheControl,
    etag: file.etag,
    'x-content-type-options': 'nosniff',
  };
  if (file.gzipped) headers.vary = 'Accept-Encoding';
  if (etagMatches(c.req.header('if-none-match'), file.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const gzip = file.gzipped && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  const body = gzip && file.gzipped ? file.gzipped : file.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(body.byteLength);
  return new Response(c.req.method === 'HEAD' ? null : body, { status: 200, headers });
}

/** A browser loading a page: the SPA's router decides what it shows (including its own 404). */
function isNavigation(c: Context, urlPath: string): boolean {
  const lastSegment = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  return (
    (c.req.header('accept') ?? '').includes('text/html') &&
    !urlPath.startsWith(HASHED_DIR) &&
    !lastSegment.includes('.')
  );
}

function isServerPath(urlPath: string): boolean {
  return SERVER_PREFIXES.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`));
}

/** The percent-decoded path; undefined for a malformed one or a NUL byte (never a file name). */
function decodedPath(rawPath: string): string | undefined {
  try {
    const decoded = decodeURIComponent(rawPath);
    return decoded.includes('\0') || decoded.includes('\\') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .some((candidate) => candidate.trim() === '*' || candidate.trim() === etag);
}
