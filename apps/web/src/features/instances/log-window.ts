export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Rows rendered beyond each edge so fast scrolling shows no blank rows. */
  overscan?: number;
}

export interface RowWindow {
  /** First row rendered (inclusive). */
  start: number;
  /** Row after the last rendered (exclusive). */
  end: number;
  /** Pixels above the first rendered row: the spacer that keeps the scrollbar honest. */
  offsetTop: number;
  totalHeight: number;
}

/**
 * The rows a fixed-row-height list renders for a scroll position: only what is visible (plus
 * overscan), so 50,000 log lines cost as much as a screenful.
 */
export function rowWindow({
  scrollTop,
  viewportHeight,
  rowHeight,
  count,
  overscan = 20,
}: WindowInput): RowWindow {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/** Within `slack` px of the bottom: following sticks there; scrolling up lets go. */
export function isAtBottom(
  scrollTop: number,
  viewportHeight: number,
  scrollHeight: number,
  slack = 4,
): boolean {
  return scrollHeight - (scrollTop + viewportHeight) <= slack;
}
