import type { MatrixEntry, Permission } from './types';

/** Entry builders for admin procedures: admins only; an admin's API key needs admin read/write. */

const READ: Permission = ['admin', 'read'];
const WRITE: Permission = ['admin', 'write'];

export const adminQuery = (path: string, input?: MatrixEntry['input']): MatrixEntry => ({
  path: `admin.${path}`,
  type: 'query',
  access: 'admin',
  permission: READ,
  input,
});

export const adminMutation = (path: string, input: MatrixEntry['input']): MatrixEntry => ({
  path: `admin.${path}`,
  type: 'mutation',
  access: 'admin',
  permission: WRITE,
  input,
});
