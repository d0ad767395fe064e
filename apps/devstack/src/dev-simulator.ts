import { existsSync } from 'node:fs';
import path from 'node:path';
import { createSimulator, type Simulator } from '@roundhouse/railway-sdk/simulator';
import type { RailwayEndpoint } from './child-env';

/**
 * Phases long enough that a person watches a deployment's progress bar move (about 17 s from
 * created to running), short enough not to bore them.
 */
export const DEV_PHASES = {
  initializing: 1_500,
  queued: 2_000,
  building: 8_000,
  deploying: 5_000,
  crashAfter: 20_000,
};

export interface DevSimulator {
  sim: Simulator;
  railway: RailwayEndpoint;
  /** False when the state was restored from an earlier start. */
  fresh: boolean;
  stateFile: string;
}

/**
 * The Railway simulator of `npm start`: a real clock, and its state kept in
 * `<dataDir>/railway-sim.json`, so the projects the database refers to (and the template seeded
 * at the first start, whose ids the database keeps) survive restarts.
 */
export async function startDevSimulator(dataDir: string, port: number): Promise<DevSimulator> {
  const stateFile = path.join(dataDir, 'railway-sim.json');
  const fresh = !existsSync(stateFile);
  const sim = await createSimulator({
    port,
    clock: 'real',
    phaseMs: DEV_PHASES,
    heartbeatMs: 30_000,
    stateFile,
  });
  const template = sim.templates?.single;
  if (!template) {
    await sim.close();
    throw new Error(`${stateFile} has no template project; delete it to seed a new one`);
  }
  return {
    sim,
    fresh,
    stateFile,
    railway: {
      url: sim.url,
      token: sim.token,
      workspaceId: sim.workspaceId,
      templateProjectId: template.projectId,
      publicUrlTemplate: sim.publicUrlTemplate,
    },
  };
}
