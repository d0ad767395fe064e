import { defineMatrix, type MatrixEntry, type MatrixWorld } from './types';

const read = (
  path: string,
  input: (fx: MatrixWorld) => unknown,
  type: MatrixEntry['type'] = 'query',
): MatrixEntry => ({
  path: `instances.${path}`,
  type,
  access: 'user',
  permission: ['instances', 'read'],
  ownedBy: 'A',
  input,
});

const action = (path: string, input: (fx: MatrixWorld) => unknown): MatrixEntry => ({
  path: `instances.${path}`,
  type: 'mutation',
  access: 'user',
  permission: ['instances', 'write'],
  ownedBy: 'A',
  input,
});

const runningInstance = (fx: MatrixWorld) => ({ instanceId: fx.a.instance.id });

export const instancesMatrix = defineMatrix([
  // Everyone signed in lists their own instances; nobody sees another's (asserted by the tests).
  { path: 'instances.list', type: 'query', access: 'user', permission: ['instances', 'read'] },
  read('detail', runningInstance),
  read('status', runningInstance),
  read('progress', runningInstance),
  read('deployments', runningInstance),
  read('logs', (fx) => ({
    instanceId: fx.a.instance.id,
    deploymentId: fx.a.deployments.current.id,
  })),
  read(
    'logsStream',
    (fx) => ({ instanceId: fx.a.instance.id, deploymentId: fx.a.deployments.current.id }),
    'subscription',
  ),
  action('redeploy', runningInstance),
  action('restart', runningInstance),
  action('rollback', runningInstance),
  // Nothing is in flight in the world: A gets BAD_REQUEST, which still proves A got through.
  action('cancel', runningInstance),
  action('retry', (fx) => ({ instanceId: fx.a.failedInstance.id })),
  action('delete', runningInstance),
]);
