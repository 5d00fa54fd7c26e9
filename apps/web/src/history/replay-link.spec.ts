import { describe, expect, it } from '@jest/globals';
import { elementsFromParam, linesFromParam, replayLink } from './replay-link';

describe('replay links', () => {
  it('opens the timeline at the moment, and on the lines of a note on the pad', () => {
    expect(replayLink('s1', 89_600.4)).toBe('/history/s1?at=89600');
    expect(replayLink('s1', 5_000, { documentId: 'pad', fromLine: 3, toLine: 7 })).toBe(
      '/history/s1?at=5000&lines=3-7',
    );
  });

  it('opens a note on the board on its elements, and reads them back', () => {
    const link = replayLink('s1', 5_000, { documentId: 'board', elementIds: ['a1_B', 'c-2'] });
    expect(link).toBe('/history/s1?at=5000&elements=a1_B,c-2');
    expect(elementsFromParam(new URL(link, 'http://x').searchParams.get('elements'))).toEqual([
      'a1_B',
      'c-2',
    ]);
    for (const bad of [null, '', 'a,,b', 'a b', '<script>', Array(52).fill('x').join(',')]) {
      expect(elementsFromParam(bad)).toBeNull();
    }
  });

  it('reads the lines back, and nothing from a malformed or backward range', () => {
    expect(linesFromParam('3-7')).toEqual({ from: 3, to: 7 });
    expect(linesFromParam('4')).toEqual({ from: 4, to: 4 });
    for (const bad of [null, '', '7-3', '0', 'x', '3-', '1-2-3']) {
      expect(linesFromParam(bad)).toBeNull();
    }
  });
});
