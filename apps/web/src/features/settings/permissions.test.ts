import { describe, expect, it } from 'vitest';
import { grantableResources, grantedList, hasPermission, togglePermission } from './permissions';

describe('togglePermission', () => {
  it('checking write also grants read; unchecking read also drops write', () => {
    const withWrite = togglePermission({}, 'instances', 'write', true);
    expect(withWrite).toEqual({ instances: ['read', 'write'] });
    expect(togglePermission(withWrite, 'instances', 'read', false)).toEqual({});
  });

  it('unchecking write keeps read and leaves other resources alone', () => {
    const start = {
      instances: ['read', 'write'] as ('read' | 'write')[],
      webhooks: ['read'] as ('read' | 'write')[],
    };
    const next = togglePermission(start, 'instances', 'write', false);
    expect(next).toEqual({ instances: ['read'], webhooks: ['read'] });
    expect(start.instances).toEqual(['read', 'write']);
    expect(hasPermission(next, 'instances', 'write')).toBe(false);
    expect(hasPermission(next, 'webhooks', 'read')).toBe(true);
  });
});

describe('grantableResources', () => {
  it('offers admin only to admins', () => {
    expect(grantableResources('user')).not.toContain('admin');
    expect(grantableResources('admin')).toContain('admin');
  });
});

describe('grantedList', () => {
  it('lists granted resources in form order, skipping empty ones', () => {
    expect(
      grantedList({ webhooks: ['read'], instances: ['read', 'write'], credentials: [] }),
    ).toEqual([
      ['instances', ['read', 'write']],
      ['webhooks', ['read']],
    ]);
  });
});
