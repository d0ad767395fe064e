/** A piece of a line: matched pieces are highlighted. */
export interface Segment {
  text: string;
  match: boolean;
}

/** Lines whose text contains the query, ignoring case; an empty query keeps everything. */
export function filterLines<L>(lines: readonly L[], query: string, text: (line: L) => string): L[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return lines as L[];
  return lines.filter((line) => text(line).toLowerCase().includes(needle));
}

/** Splits `text` around every case-insensitive occurrence of `query`, keeping the original case. */
export function highlightSegments(text: string, query: string): Segment[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [{ text, match: false }];
  const haystack = text.toLowerCase();
  const segments: Segment[] = [];
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) segments.push({ text: text.slice(from, at), match: false });
    segments.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length || segments.length === 0) {
    segments.push({ text: text.slice(from), match: false });
  }
  return segments;
}
