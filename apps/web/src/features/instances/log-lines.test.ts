import { describe, expect, it } from 'vitest';
import { lastSeq, mergeLines } from './log-lines';

const line = (seq: number, message = `line ${seq}`) => ({ seq, message });
const seqs = (lines: { seq: number }[]) => lines.map((l) => l.seq);

describe('mergeLines', () => {
  it('appends stream lines after the loaded history', () => {
    expect(seqs(mergeLines([line(0), line(1)], [line(2), line(3)]))).toEqual([0, 1, 2, 3]);
  });

  it('drops lines resent after a reconnect from an older offset (no duplicates)', () => {
    const loaded = [line(0), line(1), line(2)];
    const merged = mergeLines(loaded, [line(1, 'again'), line(2, 'again'), line(3)]);
    expect(seqs(merged)).toEqual([0, 1, 2, 3]);
    expect(merged[1]?.message).toBe('line 1');
  });

  it('returns the same array when nothing is new, so React skips the render', () => {
    const loaded = [line(0), line(1)];
    expect(mergeLines(loaded, [line(0), line(1)])).toBe(loaded);
    expect(mergeLines(loaded, [])).toBe(loaded);
  });

  it('fills a gap and sorts when lines arrive out of order', () => {
    const merged = mergeLines([line(0), line(5)], [line(3), line(1), line(5), line(7), line(3)]);
    expect(seqs(merged)).toEqual([0, 1, 3, 5, 7]);
  });

  it('loses no line when a sleep/wake reconnect races the history page', () => {
    // History read 0..99, the stream (resumed from 49 before the page arrived) sends 50..149.
    const history = Array.from({ length: 100 }, (_, i) => line(i));
    const stream = Array.from({ length: 100 }, (_, i) => line(50 + i));
    let lines: ReturnType<typeof line>[] = [];
    for (let i = 0; i < 100; i += 10) lines = mergeLines(lines, stream.slice(i, i + 10));
    lines = mergeLines(lines, history);
    expect(seqs(lines)).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });

  it('keeps appends linear for 50,000 lines in streamed batches', () => {
    let lines: ReturnType<typeof line>[] = [];
    const started = performance.now();
    for (let i = 0; i < 50_000; i += 500) {
      lines = mergeLines(
        lines,
        Array.from({ length: 500 }, (_, j) => line(i + j)),
      );
    }
    expect(lines).toHaveLength(50_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('lastSeq', () => {
  it('is -1 (the API’s "from the start") when nothing is loaded', () => {
    expect(lastSeq([])).toBe(-1);
    expect(lastSeq([line(0), line(7)])).toBe(7);
  });
});
