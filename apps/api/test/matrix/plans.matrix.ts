import { defineMatrix } from './types';

export const plansMatrix = defineMatrix([{ path: 'plans.list', type: 'query', access: 'public' }]);
