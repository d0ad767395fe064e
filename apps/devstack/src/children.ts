import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ChildEnvs } from './child-env';
import type { ChildSpec } from './child-process';

/**
 * The processes `npm start` runs: the api and the worker from their TypeScript sources (tsx, as
 * their `start` scripts do, without a wrapper process in between so signals reach them), and the
 * web app's Vite dev server when the web app exists.
 */
export function childSpecs(repoRoot: string, envs: ChildEnvs): ChildSpec[] {
  const app = (name: string) => path.join(repoRoot, 'apps', name);
  const tsx = (name: 'api' | 'worker'): ChildSpec => ({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', 'src/main.ts'],
    cwd: app(name),
    env: envs[name],
  });
  const specs = [tsx('api'), tsx('worker')];
  const vite = viteBin(app('web'));
  if (vite) {
    specs.push({
      name: 'web',
      command: process.execPath,
      args: [vite],
      cwd: app('web'),
      env: envs.web,
    });
  }
  return specs;
}

/** Vite's CLI as apps/web resolves it, or null while the web app has no Vite config. */
export function viteBin(webDir: string): string | null {
  if (!existsSync(path.join(webDir, 'vite.config.ts'))) return null;
  const manifest = createRequire(path.join(webDir, 'package.json')).resolve('vite/package.json');
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { vite: string } }).bin.vite;
  return path.join(path.dirname(manifest), bin);
}
