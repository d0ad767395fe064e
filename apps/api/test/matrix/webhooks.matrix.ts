import { defineMatrix, type MatrixEntry, type MatrixWorld } from './types';

const endpointOfA = (fx: MatrixWorld) => ({ endpointId: fx.a.webhookEndpoint.id });

function entry(
  path: string,
  type: 'query' | 'mutation',
  input?: MatrixEntry['input'],
  ownedBy?: 'A',
): MatrixEntry {
  const action = type === 'query' ? 'read' : 'write';
  return { path, type, access: 'user', permission: ['webhooks', action], ownedBy, input };
}

export const webhooksMatrix = defineMatrix([
  entry('webhooks.events', 'query'),
  entry('webhooks.list', 'query'),
  entry('webhooks.get', 'query', endpointOfA, 'A'),
  entry('webhooks.create', 'mutation', () => ({
    url: 'https://hooks.example.com/roundhouse',
    events: ['instance.running', 'deployment.failed'],
  })),
  entry('webhooks.update', 'mutation', (fx) => ({ ...endpointOfA(fx), enabled: false }), 'A'),
  entry('webhooks.delete', 'mutation', endpointOfA, 'A'),
  entry('webhooks.rotateSecret', 'mutation', endpointOfA, 'A'),
  entry('webhooks.sendTest', 'mutation', endpointOfA, 'A'),
]);
