/**
 * `/_sim/*`: drives a simulator running in another process (e.g. a chaos test that SIGKILLs the
 * worker). JSON in, JSON out; not rate-limited and not counted as Railway requests.
 *
 *   GET    /_sim/info                 url, token, workspace id, templates, clock
 *   GET    /_sim/state                counts (projects, services, deployments by status, domains)
 *   GET    /_sim/state/projects       project views          GET /_sim/state/deployments[?serviceId=]
 *   GET    /_sim/faults               active faults          POST /_sim/faults {kind, operation?, rate?, ...}
 *   DELETE /_sim/faults[/<id>]        clear all / one
 *   POST   /_sim/outcomes {match: {projectName?, serviceName?}, outcome}  (names: string or {regex})
 *   DELETE /_sim/outcomes
 *   GET    /_sim/clock                POST /_sim/clock/advance {ms}
 *   GET    /_sim/counters             POST /_sim/counters/reset
 *   GET    /_sim/requests             recent request log
 *   POST   /_sim/project-tokens {projectId, environmentId}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from './faults';
import { HttpError, readJson, sendJson } from './http-util';
import type { Outcome, OutcomeMatch } from './outcomes';
import type { Simulator } from './simulator';

type NamePattern = string | { regex: string; flags?: string } | undefined;

function toPattern(value: NamePattern, field: string): string | RegExp | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof value.regex === 'string') {
    try {
      return new RegExp(value.regex, value.flags);
    } catch {
      throw new HttpError(400, `${field}.regex is not a valid regular expression`);
    }
  }
  throw new HttpError(400, `${field} must be a string or {regex}`);
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'Body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** Runs a simulator call, turning its validation errors into 400s. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new HttpError(400, error instanceof Error ? error.message : String(error));
  }
}

export async function handleControl(
  sim: Simulator,
  path: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const route = `${req.method} ${path}`;
  switch (route) {
    case 'GET /info':
      return sendJson(res, 200, {
        url: sim.url,
        baseUrl: sim.baseUrl,
        token: sim.token,
        workspaceId: sim.workspaceId,
        templates: sim.templates,
        publicUrlTemplate: sim.publicUrlTemplate,
        clock: { mode: sim.clock.mode, now: sim.clock.now() },
      });
    case 'GET /state':
      return sendJson(res, 200, sim.state.summary());
    case 'GET /state/projects':
      return sendJson(res, 200, sim.state.projects());
    case 'GET /state/deployments':
      return sendJson(
        res,
        200,
        sim.state.deployments(url.searchParams.get('serviceId') ?? undefined),
      );
    case 'GET /faults':
      return sendJson(res, 200, sim.faults.list());
    case 'POST /faults': {
      const spec = asObject(await readJson(req)) as unknown as FaultSpec;
      return sendJson(res, 201, { id: guarded(() => sim.faults.inject(spec)) });
    }
    case 'DELETE /faults':
      sim.faults.clear();
      return sendJson(res, 200, { cleared: true });
    case 'POST /outcomes': {
      const body = asObject(await readJson(req));
      const match = asObject(body.match ?? {});
      const parsed: OutcomeMatch = {
        projectName: toPattern(match.projectName as NamePattern, 'match.projectName'),
        serviceName: toPattern(match.serviceName as NamePattern, 'match.serviceName'),
      };
      guarded(() => sim.outcomes.set(parsed, asObject(body.outcome) as unknown as Outcome));
      return sendJson(res, 201, { ok: true });
    }
    case 'DELETE /outcomes':
      sim.outcomes.clear();
      return sendJson(res, 200, { cleared: true });
    case 'GET /clock':
      return sendJson(res, 200, { mode: sim.clock.mode, now: sim.clock.now() });
    case 'POST /clock/advance': {
      const { ms } = asObject(await readJson(req));
      if (typeof ms !== 'number') throw new HttpError(400, 'ms must be a number');
      guarded(() => sim.clock.advance(ms));
      return sendJson(res, 200, { now: sim.clock.now() });
    }
    case 'GET /counters':
      return sendJson(res, 200, sim.counters.snapshot());
    case 'POST /counters/reset':
      sim.counters.reset();
      return sendJson(res, 200, { ok: true });
    case 'GET /requests':
      return sendJson(res, 200, sim.requestLog);
    case 'POST /project-tokens': {
      const { projectId, environmentId } = asObject(await readJson(req));
      if (typeof projectId !== 'string' || typeof environmentId !== 'string') {
        throw new HttpError(400, 'projectId and environmentId must be strings');
      }
      return sendJson(res, 201, {
        token: guarded(() => sim.createProjectToken(projectId, environmentId)),
      });
    }
  }
  const faultId = /^DELETE \/faults\/([\w-]+)$/.exec(route)?.[1];
  if (faultId) {
    sim.faults.clear(faultId);
    return sendJson(res, 200, { cleared: faultId });
  }
  throw new HttpError(404, `No control route ${route}`);
}
