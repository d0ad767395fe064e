import { describe, expect, it } from 'vitest';
import { runBulk } from './run-bulk';

describe('runBulk', () => {
  it('reports every row in order, a failure not stopping the others', async () => {
    const boom = new Error('refused');
    const results = await runBulk(['a', 'b', 'c'], async (id) => {
      if (id === 'b') throw boom;
    });
    expect(results).toEqual([
      { id: 'a', ok: true },
      { id: 'b', ok: false, error: boom },
      { id: 'c', ok: true },
    ]);
  });

  it('never runs more than `concurrency` actions at once', async () => {
    let running = 0;
    let peak = 0;
    const ids = Array.from({ length: 10 }, (_, i) => `id-${i}`);
    await runBulk(
      ids,
      async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
      },
      3,
    );
    expect(peak).toBe(3);
  });

  it('does nothing for no ids and refuses a bad concurrency', async () => {
    expect(await runBulk([], () => Promise.reject(new Error('never')))).toEqual([]);
    await expect(runBulk(['a'], async () => {}, 0)).rejects.toThrow(RangeError);
  });
});
