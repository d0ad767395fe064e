/** Raw GraphQL over HTTP against a simulator, as any client would send it. */
import { MANUAL_CLOCK_PHASES, type Simulator } from '../simulator';

export interface GqlError {
  message: string;
  path?: (string | number)[];
}

/** Tests read arbitrary response shapes; their assertions are the type check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Data = any;

export interface GqlResponse {
  status: number;
  headers: Headers;
  data: Data;
  errors: GqlError[] | undefined;
}

export type Auth = { bearer: string } | { projectToken: string } | 'none';

export async function gql(
  sim: Pick<Simulator, 'url' | 'token'>,
  query: string,
  variables?: Record<string, unknown>,
  auth: Auth = { bearer: sim.token },
): Promise<GqlResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth !== 'none' && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
  if (auth !== 'none' && 'projectToken' in auth)
    headers['project-access-token'] = auth.projectToken;
  const res = await fetch(sim.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const body = (text.startsWith('{') ? JSON.parse(text) : {}) as {
    data?: unknown;
    errors?: GqlError[];
  };
  return { status: res.status, headers: res.headers, data: body.data, errors: body.errors };
}

/** Data of a request that must succeed. */
export async function ok(
  sim: Simulator,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Data> {
  const res = await gql(sim, query, variables);
  if (res.status !== 200 || res.errors) {
    throw new Error(`GraphQL request failed (${res.status}): ${JSON.stringify(res.errors)}`);
  }
  return res.data;
}

export const CREATE_PROJECT = `mutation($name: String) {
  projectCreate(input: { name: $name }) { id name environments { edges { node { id name } } } }
}`;

export const CREATE_SERVICE = `mutation($input: ServiceCreateInput!) { serviceCreate(input: $input) { id name } }`;

export const DEPLOYMENTS = `query($serviceId: String!) {
  deployments(input: { serviceId: $serviceId }, first: 20) { edges { node { id status canRollback } } }
}`;

export const DEPLOYMENT = `query($id: String!) {
  deployment(id: $id) { id status canRollback createdAt updatedAt serviceId environmentId projectId staticUrl meta }
}`;

export interface NewApp {
  projectId: string;
  environmentId: string;
  serviceId: string;
  deploymentId: string;
}

/** A project with one image service (which starts its first deployment). */
export async function createApp(
  sim: Simulator,
  name = 'app',
  variables: Record<string, string> = { PORT: '8080', BOT_TOKEN: 'tok-123456' },
): Promise<NewApp> {
  const project = (await ok(sim, CREATE_PROJECT, { name })).projectCreate;
  const environmentId: string = project.environments.edges[0].node.id;
  const service = (
    await ok(sim, CREATE_SERVICE, {
      input: {
        projectId: project.id,
        environmentId,
        name: 'bot',
        source: { image: 'ghcr.io/openclaw/openclaw:latest' },
        variables,
      },
    })
  ).serviceCreate;
  const deployments = (await ok(sim, DEPLOYMENTS, { serviceId: service.id })).deployments.edges;
  return {
    projectId: project.id,
    environmentId,
    serviceId: service.id,
    deploymentId: deployments[0].node.id,
  };
}

export async function statusOf(sim: Simulator, id: string): Promise<string> {
  return (await ok(sim, DEPLOYMENT, { id })).deployment.status;
}

/** Phase durations of a manual-clock simulator, and how long a build deployment takes to SUCCESS. */
export const PHASES = MANUAL_CLOCK_PHASES;
export const UP = PHASES.initializing + PHASES.queued + PHASES.building + PHASES.deploying;
