export type * from './audit';
export type * from './auth';
export type * from './billing';
export type * from './columns';
export type * from './database';
export type * from './instances';
export type * from './lifecycle';
export type * from './messaging';
