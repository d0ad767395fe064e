/** Relay-style connections (edges / pageInfo) with first/after and last/before, cursor = id. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

export function connection<T extends { id: string }>(
  items: readonly T[],
  args: ConnectionArgs,
): Connection<T> {
  for (const n of [args.first, args.last]) {
    if (n !== null && n !== undefined && n < 0) throw new Error('first and last must be >= 0');
  }
  let start = 0;
  let end = items.length;
  if (args.after) start = items.findIndex((item) => item.id === args.after) + 1;
  if (args.before) {
    const at = items.findIndex((item) => item.id === args.before);
    if (at !== -1) end = at;
  }
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  const page = items.slice(start, Math.max(start, end));
  return {
    edges: page.map((node) => ({ node, cursor: node.id })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: page[0]?.id ?? null,
      endCursor: page.at(-1)?.id ?? null,
    },
  };
}
