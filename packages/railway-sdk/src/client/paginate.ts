/** Walks a Relay connection page by page until `match` finds a node. */

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null | undefined;
}

export async function findInPages<T>(
  fetchPage: (after: string | undefined) => Promise<Page<T>>,
  match: (node: T) => boolean,
): Promise<T | null> {
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after);
    const found = page.nodes.find(match);
    if (found) return found;
    // A server that repeats its cursor would otherwise keep us here forever.
    if (!page.hasNextPage || !page.endCursor || page.endCursor === after) return null;
    after = page.endCursor;
  }
}

/** `connection.edges[].node` as a plain array. */
export function nodesOf<T>(connection: { edges: ReadonlyArray<{ node: T }> }): T[] {
  return connection.edges.map((edge) => edge.node);
}
