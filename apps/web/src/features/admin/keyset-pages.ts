import { useState } from 'react';

/**
 * Next / previous over a keyset-paginated list: the cursors of the pages visited so far, so
 * "previous" goes back without OFFSET. Starts again at page 1 whenever `resetKey` (the
 * serialized filters and sort) changes.
 */
export function useKeysetPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key: resetKey,
    cursors: [undefined],
  });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    next: (nextCursor: string) => setState({ key: resetKey, cursors: [...cursors, nextCursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}
