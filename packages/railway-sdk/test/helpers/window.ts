/** The most events any window of `lengthMs` contains (windows start at each event). */
export function maxInAnyWindow(times: readonly number[], lengthMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= lengthMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}
