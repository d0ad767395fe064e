import { describe, expect, it } from 'vitest';
import { filterLines, highlightSegments } from './log-search';

describe('filterLines', () => {
  const lines = ['Build started', 'npm ERR! missing', 'error: exit 1', 'done'];
  const id = (s: string) => s;

  it('keeps lines containing the query, ignoring case', () => {
    expect(filterLines(lines, 'ERR', id)).toEqual(['npm ERR! missing', 'error: exit 1']);
  });

  it('keeps everything for a blank query', () => {
    expect(filterLines(lines, '  ', id)).toBe(lines);
  });
});

describe('highlightSegments', () => {
  it('marks every match and keeps the original case', () => {
    expect(highlightSegments('Error then error', 'ERROR')).toEqual([
      { text: 'Error', match: true },
      { text: ' then ', match: false },
      { text: 'error', match: true },
    ]);
  });

  it('returns the whole text unmarked when nothing matches or the query is empty', () => {
    expect(highlightSegments('all good', 'fail')).toEqual([{ text: 'all good', match: false }]);
    expect(highlightSegments('all good', '')).toEqual([{ text: 'all good', match: false }]);
  });

  it('handles regex characters literally', () => {
    expect(highlightSegments('a.b(c)', '(c)')).toEqual([
      { text: 'a.b', match: false },
      { text: '(c)', match: true },
    ]);
  });
});
