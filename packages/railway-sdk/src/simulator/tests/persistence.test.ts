import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { createApp, ok, statusOf } from './helpers';

const VARIABLES = `query($p: String!, $e: String!, $s: String) {
  variables(projectId: $p, environmentId: $e, serviceId: $s)
}`;

let dir: string;
let file: string;
const open: Simulator[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sim-state-'));
  file = path.join(dir, 'railway-sim.json');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((sim) => sim.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof createSimulator>[0] = {}): Promise<Simulator> {
  const sim = await createSimulator({ rateLimit: false, stateFile: file, ...options });
  open.push(sim);
  return sim;
}

async function waitFor(check: () => boolean, ms = 2_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('simulator state persistence', () => {
  it('a restarted simulator keeps its token, workspace, templates and projects', async () => {
    // Real clock (what `npm start` runs): progress is derived from wall time, so it carries on.
    const phaseMs = { initializing: 5, queued: 5, building: 5, deploying: 5 };
    const first = await start({ phaseMs });
    const app = await createApp(first, 'kept');
    await first.close();

    const second = await start({ phaseMs });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.token).toBe(first.token);
    expect(second.workspaceId).toBe(first.workspaceId);
    expect(second.templates).toEqual(first.templates);
    expect(second.state.projects().map((p) => p.name)).toContain('kept');
    // The restored deployment still answers over GraphQL with the saved token, and its variables.
    expect(await statusOf(second, app.deploymentId)).toBe('SUCCESS');
    const vars = await ok(second, VARIABLES, {
      p: app.projectId,
      e: app.environmentId,
      s: app.serviceId,
    });
    expect(vars.variables).toMatchObject({ PORT: '8080', BOT_TOKEN: 'tok-123456' });
    // New ids do not collide with the restored ones.
    const other = await createApp(second, 'new');
    expect(other.projectId).not.toBe(app.projectId);
    expect(second.state.projects()).toHaveLength(first.state.projects().length + 1);
  });

  it('writes changes on its own within the debounce, without a close', async () => {
    const sim = await start({ persistDebounceMs: 50 });
    const before = readFileSync(file, 'utf8');
    expect(JSON.parse(before).projects).toHaveLength(2); // the seeded templates, written at once
    await createApp(sim, 'debounced');
    await waitFor(() => readFileSync(file, 'utf8').includes('"debounced"'));
    expect(JSON.parse(readFileSync(file, 'utf8')).projects).toHaveLength(3);
  });

  it('refuses an unreadable or foreign state file with a clear error and leaves it alone', async () => {
    writeFileSync(file, '{"version": 99}');
    await expect(start()).rejects.toThrow(/Not a simulator snapshot/);
    writeFileSync(file, '{not json');
    await expect(start()).rejects.toThrow(/unreadable.*delete it/);
    expect(readFileSync(file, 'utf8')).toBe('{not json');
  });

  it('without a state file nothing is written and every start is fresh', async () => {
    const a = await createSimulator({ rateLimit: false, seed: 7 });
    const b = await createSimulator({ rateLimit: false, seed: 8 });
    open.push(a, b);
    expect(a.workspaceId).not.toBe(b.workspaceId);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });
});
