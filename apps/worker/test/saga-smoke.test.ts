import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTestDbAndSim } from './support/use-test-db';
import type { SmokeReport } from '../scripts/railway-smoke-run';

const script = fileURLToPath(new URL('../scripts/railway-smoke.ts', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

const { testDb: database, sim } = useTestDbAndSim('real');

/** The operator's command, pointed at the simulator instead of backboard.railway.com. */
function smoke(args: string[], env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, [tsx, script, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      RAILWAY_API_TOKEN: sim().token,
      RAILWAY_API_URL: sim().url,
      RAILWAY_PUBLIC_URL_TEMPLATE: sim().publicUrlTemplate,
      SMOKE_DATABASE_URL: database().url,
      SMOKE_TIMEOUT: '20000',
      SMOKE_POLL: '100',
      ...env,
    },
    timeout: 50_000,
  });
}

describe('railway:smoke', () => {
  it('clones the template through the saga, waits for a verdict, reports it and deletes the project', async () => {
    const { stdout } = await smoke([
      '--workspace',
      sim().workspaceId,
      '--template',
      sim().templates!.single.projectId,
    ]);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as SmokeReport;
    expect(report).toMatchObject({
      ok: true,
      deploymentStatus: 'SUCCEEDED',
      instanceStatus: 'RUNNING',
      projectDeleted: true,
      timedOut: false,
    });
    expect(report.projectId).toBeTruthy();
    expect(report.railwayRequests.byOperation).toMatchObject({
      CreateProject: 1,
      CreateService: 1,
      CreateServiceDomain: 1,
      DeleteProject: 1,
    });
    expect(report.railwayRequests.total).toBeGreaterThan(3);
    expect(stdout).toContain(`project   ${report.projectName} (${report.projectId})`);
    expect(stdout).toContain('verdict   SUCCEEDED / instance RUNNING');
    // What it created on Railway is gone again.
    expect(
      sim()
        .state.projects()
        .map((p) => p.name),
    ).not.toContain(report.projectName);
  });

  it('refuses to start without a token, a workspace and a template', async () => {
    const failed = await smoke([], { RAILWAY_API_TOKEN: '' }).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain(
      'railway:smoke needs RAILWAY_API_TOKEN',
    );
  });
});
