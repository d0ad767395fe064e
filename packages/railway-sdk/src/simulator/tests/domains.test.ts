import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../index';
import { createApp, gql, ok, PHASES, UP, type NewApp } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await createSimulator({ clock: 'manual', rateLimit: false, seedTemplates: false });
});
afterEach(() => sim.close());

const CREATE_DOMAIN = `mutation($s: String!, $e: String!) {
  serviceDomainCreate(input: { serviceId: $s, environmentId: $e }) { id domain serviceId environmentId }
}`;

async function withDomain(app: NewApp): Promise<string> {
  return (await ok(sim, CREATE_DOMAIN, { s: app.serviceId, e: app.environmentId }))
    .serviceDomainCreate.domain;
}

const health = async (domain: string) => (await fetch(`${sim.publicUrl(domain)}/healthz`)).status;

describe('service domains', () => {
  it('are Railway-shaped hostnames, one per service instance, listed by domains()', async () => {
    const app = await createApp(sim);
    const domain = await withDomain(app);
    expect(domain).toMatch(/^bot-production-[0-9a-f]{4}\.up\.railway\.app$/);
    const again = await gql(sim, CREATE_DOMAIN, { s: app.serviceId, e: app.environmentId });
    expect(again.errors?.[0]?.message).toMatch(/already has/);
    const listed = await ok(
      sim,
      `query($p: String!, $e: String!, $s: String!) { domains(projectId: $p, environmentId: $e, serviceId: $s) { serviceDomains { domain } } }`,
      { p: app.projectId, e: app.environmentId, s: app.serviceId },
    );
    expect(listed.domains.serviceDomains).toEqual([{ domain }]);
    expect(sim.publicUrlTemplate.replace('{domain}', domain)).toBe(sim.publicUrl(domain));
  });

  it('answer /healthz 200 only while the active deployment is SUCCESS', async () => {
    const app = await createApp(sim);
    const domain = await withDomain(app);
    expect(await health(domain)).toBe(503);
    sim.clock.advance(UP);
    expect(await health(domain)).toBe(200);
    const page = await fetch(sim.publicUrl(domain));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(app.deploymentId);
    expect((await fetch(`${sim.publicUrl(domain)}/no-such-page`)).status).toBe(404);
  });

  it('keep serving from the old deployment while a new one builds, then from the new one', async () => {
    const app = await createApp(sim);
    const domain = await withDomain(app);
    sim.clock.advance(UP);
    const next = (
      await ok(sim, `mutation($id: String!) { deploymentRedeploy(id: $id) { id } }`, {
        id: app.deploymentId,
      })
    ).deploymentRedeploy.id;
    sim.clock.advance(PHASES.initializing + PHASES.queued);
    expect(await health(domain)).toBe(200);
    sim.clock.advance(UP);
    expect(await (await fetch(sim.publicUrl(domain))).text()).toContain(next);
  });

  it('answer 503 when the app is planned unhealthy, or after it crashes', async () => {
    sim.outcomes.set({ projectName: 'sick' }, { result: 'success', unhealthy: true });
    sim.outcomes.set(
      { projectName: 'crashy' },
      { result: 'crash', phaseMs: { crashAfter: 1_000 } },
    );
    const sick = await withDomain(await createApp(sim, 'sick'));
    const crashy = await withDomain(await createApp(sim, 'crashy'));
    sim.clock.advance(UP);
    expect(await health(sick)).toBe(503);
    expect((await fetch(sim.publicUrl(sick))).status).toBe(200); // up, but failing its health check
    expect(await health(crashy)).toBe(200);
    sim.clock.advance(1_000);
    expect(await health(crashy)).toBe(503);
  });

  it('serve the configured healthcheckPath too', async () => {
    const app = await createApp(sim);
    const domain = await withDomain(app);
    await ok(
      sim,
      `mutation($s: String!, $e: String!) { serviceInstanceUpdate(serviceId: $s, environmentId: $e, input: { healthcheckPath: "/ready" }) }`,
      { s: app.serviceId, e: app.environmentId },
    );
    sim.clock.advance(UP);
    expect((await fetch(`${sim.publicUrl(domain)}/ready`)).status).toBe(200);
  });

  it('answer 404 for unknown domains', async () => {
    expect(await health('nothing-here.up.railway.app')).toBe(404);
    expect(sim.counters.domainRequests).toBe(1);
    expect(sim.counters.requests).toBe(0); // domain traffic costs no Railway API budget
  });
});
