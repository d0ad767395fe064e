import { describe, expect, it } from 'vitest';
import { isAtBottom, rowWindow } from './log-window';

describe('rowWindow', () => {
  it('renders only the visible rows plus overscan of a 50,000-line log', () => {
    const w = rowWindow({
      scrollTop: 20_000,
      viewportHeight: 400,
      rowHeight: 20,
      count: 50_000,
      overscan: 10,
    });
    expect(w).toEqual({ start: 990, end: 1031, offsetTop: 19_800, totalHeight: 1_000_000 });
  });

  it('clamps at the top and bottom', () => {
    const top = rowWindow({ scrollTop: -50, viewportHeight: 100, rowHeight: 10, count: 1000 });
    expect(top.start).toBe(0);
    const bottom = rowWindow({ scrollTop: 1e9, viewportHeight: 100, rowHeight: 10, count: 1000 });
    expect(bottom.end).toBe(1000);
    expect(bottom.start).toBe(1000 - 10 - 20);
  });

  it('renders nothing for an empty log', () => {
    expect(rowWindow({ scrollTop: 0, viewportHeight: 300, rowHeight: 20, count: 0 })).toEqual({
      start: 0,
      end: 0,
      offsetTop: 0,
      totalHeight: 0,
    });
  });
});

describe('isAtBottom', () => {
  it('is true within the slack of the end and false once scrolled up', () => {
    expect(isAtBottom(600, 400, 1000)).toBe(true);
    expect(isAtBottom(597, 400, 1000)).toBe(true);
    expect(isAtBottom(500, 400, 1000)).toBe(false);
  });
});
