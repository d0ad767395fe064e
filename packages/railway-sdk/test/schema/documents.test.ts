import { type DocumentNode, Kind, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createRailwayClient, type RailwayClient } from '../../src';
import * as documents from '../../src/client/documents';
import { fakeFetch, json, type SeenRequest } from '../helpers/fake-fetch';
import {
  fullSchema,
  fullSchemaNote,
  hasFullSchema,
  problems,
  prunedSchema,
} from '../helpers/schemas';

const operations = Object.values(documents)
  .flatMap((module) => Object.values(module) as DocumentNode[])
  .filter((document) => document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION));

const instance = (serviceId: string, serviceName: string) => ({
  serviceId,
  serviceName,
  environmentId: 'env-prod',
  source: { image: 'ghcr.io/acme/api:1', repo: null },
  builder: 'RAILPACK',
  buildCommand: null,
  startCommand: 'node server.js',
  preDeployCommand: ['npm run migrate'],
  rootDirectory: null,
  dockerfilePath: null,
  healthcheckPath: '/healthz',
  healthcheckTimeout: 60,
  numReplicas: 1,
  region: 'us-west2',
  restartPolicyType: 'ON_FAILURE',
  restartPolicyMaxRetries: 5,
  sleepApplication: false,
  cronSchedule: null,
  domains: { serviceDomains: [] },
});

const template = {
  project: {
    id: 'tpl',
    name: 'template',
    workspaceId: 'ws',
    environments: {
      edges: [
        {
          node: {
            id: 'env-prod',
            name: 'production',
            projectId: 'tpl',
            serviceInstances: {
              edges: [
                { node: instance('svc-api', 'api') },
                { node: instance('svc-chart', 'chart') },
              ],
              pageInfo: { hasNextPage: false },
            },
          },
        },
      ],
      pageInfo: { hasNextPage: false },
    },
  },
};

/** Calls every client method once and returns every request it sent. */
async function everyRequestTheClientSends(): Promise<{ seen: SeenRequest[]; called: string[] }> {
  const { fetch, seen } = fakeFetch((request) => {
    if (request.operationName === 'GetTemplate') return json({ data: template });
    if (request.operationName === 'TemplateVariables')
      return json({ data: { b0: {}, b1: { A: '1' }, b2: {} } });
    // Anything else: refuse (known not applied, not retried); we only want the request.
    return json({ errors: [{ message: 'stop here' }] }, 400);
  });
  const client = createRailwayClient({ token: 't', fetch, rateLimit: false });
  const tpl = await client.getTemplate('tpl');
  const ref = { serviceId: 'svc', environmentId: 'env' };
  const calls: { [K in keyof RailwayClient]?: () => Promise<unknown> } = {
    getTemplate: () => client.getTemplate('tpl', { environmentId: 'env-prod' }),
    createProject: () =>
      client.createProject({ name: 'rh-1', workspaceId: 'ws', description: 'x' }),
    findProjectByName: () => client.findProjectByName('rh-1', 'ws'),
    deleteProject: () => client.deleteProject('prj'),
    createService: () =>
      client.createService({
        projectId: 'prj',
        environmentId: 'env',
        name: 'api',
        source: { image: 'nginx:1' },
        variables: { A: '1', REF: '${{chart.RAILWAY_PUBLIC_DOMAIN}}' },
      }),
    findServiceByName: () => client.findServiceByName('prj', 'api'),
    updateServiceInstance: () =>
      client.updateServiceInstance({ ...ref, config: tpl.services[0]!.config }),
    deployService: () => client.deployService({ ...ref, commitSha: 'abc' }),
    createServiceDomain: () => client.createServiceDomain({ ...ref, targetPort: 8080 }),
    listServiceDomains: () => client.listServiceDomains({ ...ref, projectId: 'prj' }),
    getDeployment: () => client.getDeployment('dep'),
    listDeployments: () => client.listDeployments('svc', 'env', 5),
    getDeploymentStatuses: () => client.getDeploymentStatuses(['d1', 'd2', '"){ evil }']),
    redeploy: () => client.redeploy('dep', { usePreviousImageTag: true }),
    restart: () => client.restart('dep'),
    rollback: () => client.rollback('dep'),
    cancel: () => client.cancel('dep'),
    stop: () => client.stop('dep'),
    getLogs: () =>
      client.getLogs({ deploymentId: 'dep', kind: 'deploy', since: new Date(0), limit: 10 }),
    getLogsBatch: () =>
      client.getLogsBatch([
        { deploymentId: 'd1', kind: 'build' },
        { deploymentId: 'd2', kind: 'deploy', since: '2025-01-01T00:00:00Z', limit: 500 },
      ]),
    pollDeployments: () =>
      client.pollDeployments({
        statusIds: ['d1', '"){ evil }'],
        logs: [
          { deploymentId: 'd1', kind: 'build', since: new Date(0), limit: 500 },
          { deploymentId: 'd2', kind: 'deploy' },
        ],
      }),
    getVariables: () =>
      client.getVariables({ projectId: 'p', environmentId: 'e', unrendered: true }),
    upsertVariables: () =>
      client.upsertVariables({
        projectId: 'p',
        environmentId: 'e',
        serviceId: 's',
        variables: { A: '1' },
        replace: true,
        skipDeploys: true,
      }),
  };
  for (const call of Object.values(calls)) await call().catch(() => undefined);
  // A poll's later requests may carry only statuses or only logs: each document must stand alone.
  for (const only of [
    { statusIds: ['d1'] },
    { statusIds: [], logs: [{ deploymentId: 'd1', kind: 'deploy' as const }] },
  ])
    await client.pollDeployments(only).catch(() => undefined);
  await client.getLogs({ deploymentId: 'dep', kind: 'build' }).catch(() => undefined);
  return { seen, called: Object.keys(calls) };
}

const sent = await everyRequestTheClientSends();

describe('GraphQL documents', () => {
  it('the test sends a request through every client method that talks to Railway', () => {
    const client = createRailwayClient({ token: 't', rateLimit: false });
    const local = ['snapshot', 'rateLimitState', 'publicUrlFor'];
    expect(sent.called.sort()).toEqual(
      Object.keys(client)
        .filter((key) => !local.includes(key))
        .sort(),
    );
    const names = new Set(sent.seen.map((request) => request.operationName));
    for (const document of operations) expect(names).toContain(prepareName(document));
    for (const dynamic of [
      'TemplateVariables',
      'DeploymentStatuses',
      'LogsBatch',
      'DeploymentPoll',
    ])
      expect(names).toContain(dynamic);
    const polls = sent.seen.filter((request) => request.operationName === 'DeploymentPoll');
    // Statuses with logs, statuses alone, logs alone: three shapes of document.
    expect(
      polls.map((poll) => [poll.query.includes('deployment('), poll.query.includes('Logs(')]),
    ).toEqual([
      [true, true],
      [true, false],
      [false, true],
    ]);
  });

  it('ids in batched documents travel as variables, never inside the document', () => {
    for (const name of ['DeploymentStatuses', 'DeploymentPoll']) {
      const batch = sent.seen.find((request) => request.operationName === name)!;
      expect(batch.query).not.toContain('evil');
      expect(Object.values(batch.variables)).toContain('"){ evil }');
    }
  });

  it('every static document and every request sent is valid against the pruned SDL', () => {
    const schema = prunedSchema();
    for (const document of operations)
      expect(problems(schema, print(document)), prepareName(document)).toEqual([]);
    for (const request of sent.seen) {
      expect(problems(schema, request.query, request.variables), request.operationName).toEqual([]);
    }
  });

  it.skipIf(!hasFullSchema)(`…and against Railway's full schema${fullSchemaNote}`, () => {
    const schema = fullSchema();
    for (const document of operations)
      expect(problems(schema, print(document)), prepareName(document)).toEqual([]);
    for (const request of sent.seen) {
      expect(problems(schema, request.query, request.variables), request.operationName).toEqual([]);
    }
  });

  it('the validator does catch a bad document and bad variables', () => {
    const schema = prunedSchema();
    expect(problems(schema, 'query X { deployment(id: "a") { nope } }')).not.toEqual([]);
    expect(
      problems(schema, 'query X($id: String!) { deployment(id: $id) { id } }', { id: 5 }),
    ).not.toEqual([]);
  });
});

function prepareName(document: DocumentNode): string {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? (operation.name?.value ?? '') : '';
}
