import { defineMatrix } from './types';

export const apiKeysMatrix = defineMatrix([
  {
    path: 'apiKeys.create',
    type: 'mutation',
    access: 'session',
    input: () => ({ name: 'ci', permissions: { instances: ['read'] } }),
  },
  { path: 'apiKeys.list', type: 'query', access: 'session' },
  {
    path: 'apiKeys.revoke',
    type: 'mutation',
    access: 'session',
    ownedBy: 'A',
    input: (fx) => ({ id: fx.a.apiKey.id }),
  },
]);
