import * as Y from 'yjs';
import { caretAfter, writeEdit } from './shared-text';

function textWith(content: string): Y.Text {
  const doc = new Y.Doc();
  const text = doc.getText('functional');
  text.insert(0, content);
  return text;
}

/** The delta of the next change someone makes to `text`. */
function deltaOf(text: Y.Text, change: () => void): Y.YTextEvent['delta'] {
  let delta: Y.YTextEvent['delta'] = [];
  const keep = (event: Y.YTextEvent) => {
    delta = event.delta;
  };
  text.observe(keep);
  change();
  text.unobserve(keep);
  return delta;
}

describe('a sheet field on a shared text', () => {
  it('writes only the span a person changed', () => {
    const text = textWith('Shorten URLs');
    const delta = deltaOf(text, () => writeEdit(text, 'Shorten URLs', 'Shorten long URLs'));
    expect(text.toString()).toBe('Shorten long URLs');
    expect(delta).toEqual([{ retain: 8 }, { insert: 'long ' }]);
    writeEdit(text, 'Shorten long URLs', 'Shorten URLs');
    writeEdit(text, 'Shorten URLs', 'Shorten URLs');
    expect(text.toString()).toBe('Shorten URLs');
  });

  it('keeps what another person typed elsewhere at the same time', () => {
    const mine = textWith('reads: 10k/s');
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine.doc as Y.Doc));
    theirs.getText('functional').insert(0, 'Peak ');
    writeEdit(mine, 'reads: 10k/s', 'reads: 10k/s, writes: 1k/s');
    Y.applyUpdate(mine.doc as Y.Doc, Y.encodeStateAsUpdate(theirs));
    expect(mine.toString()).toBe('Peak reads: 10k/s, writes: 1k/s');
  });

  it('moves a caret by what was inserted or deleted before it, not after it', () => {
    const text = textWith('abcdef');
    const inserted = deltaOf(text, () => text.insert(1, 'XY'));
    expect(caretAfter(inserted, 4)).toBe(6);
    expect(caretAfter(inserted, 1)).toBe(1);
    const deleted = deltaOf(text, () => text.delete(0, 4));
    // The caret was inside the deleted span: it lands where the span was.
    expect(caretAfter(deleted, 2)).toBe(0);
    expect(caretAfter(deleted, 6)).toBe(2);
  });
});
