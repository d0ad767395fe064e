import { describe, expect, it } from 'vitest';
import { rollbackTarget } from './rollback-target';

describe('rollbackTarget', () => {
  it('is the newest successful deployment before the newest one', () => {
    const list = [
      { id: 'd4', status: 'SUCCEEDED' as const },
      { id: 'd3', status: 'FAILED' as const },
      { id: 'd2', status: 'SUCCEEDED' as const },
      { id: 'd1', status: 'SUCCEEDED' as const },
    ];
    expect(rollbackTarget(list)?.id).toBe('d2');
  });

  it('is null with a single deployment or no earlier success', () => {
    expect(rollbackTarget([{ id: 'd1', status: 'SUCCEEDED' as const }])).toBeNull();
    expect(
      rollbackTarget([
        { id: 'd2', status: 'SUCCEEDED' as const },
        { id: 'd1', status: 'CANCELED' as const },
      ]),
    ).toBeNull();
  });
});
