#!/usr/bin/env node
// Entry point of the README's commands (`npm test`, `npm start`) on a machine that has only Node
// and npm: it provides the pinned pnpm (installed under .data/tools, never globally), installs the
// workspace when the lockfile changed since the last install, then runs `pnpm <args>`.
// Plain JavaScript with no dependencies, because nothing is installed when it first runs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const toolsDir = join(root, '.data', 'tools');
const env = { ...process.env, PATH: [join(toolsDir, 'node_modules', '.bin'), process.env.PATH].join(delimiter) };

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmAvailable() {
  const result = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === pnpmVersion;
}

if (!pnpmAvailable()) {
  console.log(`[run] installing pnpm ${pnpmVersion} into .data/tools`);
  mkdirSync(toolsDir, { recursive: true });
  const status = run('npm', ['install', '--prefix', toolsDir, '--no-save', '--no-audit', '--no-fund', `pnpm@${pnpmVersion}`]);
  if (status !== 0 || !pnpmAvailable()) {
    console.error('[run] could not install pnpm; install it with `npm i -g pnpm@10` and retry');
    process.exit(1);
  }
}

// Re-install only when the lockfile differs from the one last installed (or nothing is installed).
const lockHash = createHash('sha256').update(readFileSync(join(root, 'pnpm-lock.yaml'))).digest('hex');
const stampFile = join(toolsDir, 'installed-lock.sha256');
const installed = existsSync(join(root, 'node_modules', '.modules.yaml')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === lockHash;
if (!installed) {
  const status = run('pnpm', ['install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(stampFile, lockHash);
}

// Ctrl-C reaches the whole process group: let the child (e.g. `npm start`'s stack) shut down in
// order and print its last lines before this wrapper exits with its status.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
process.exit(run('pnpm', process.argv.slice(2)));
