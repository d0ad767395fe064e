export type { AppRouter, RouterInputs, RouterOutputs } from '@roundhouse/api/client';
