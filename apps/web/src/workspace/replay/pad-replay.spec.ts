import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { padCode, setPadLanguage } from '../pad-document';
import type { ReplayUpdate } from './pad-replay';
import { PadReplay } from './pad-replay';

/** A session's typing as the store keeps it: one update per keystroke, and the texts on the way. */
function typed(keystrokes: number): { updates: ReplayUpdate[]; texts: string[] } {
  const doc = new Y.Doc();
  const updates: ReplayUpdate[] = [];
  doc.on('update', (update: Uint8Array) => {
    updates.push({ at: updates.length * 100, authorId: 'a', update });
  });
  const texts = [''];
  setPadLanguage(doc, 'python');
  texts.push('');
  for (let key = 0; key < keystrokes; key += 1) {
    const code = padCode(doc);
    // Mostly typing at the end, now and then a deletion or an insertion further up.
    if (key % 17 === 16 && code.length > 3) code.delete(code.length - 3, 2);
    else if (key % 11 === 10) code.insert(Math.floor(code.length / 2), '\n');
    else code.insert(code.length, String.fromCharCode(97 + (key % 26)));
    texts.push(code.toString());
  }
  return { updates, texts };
}

describe('PadReplay', () => {
  const { updates, texts } = typed(700);

  it('plays the pad forward update by update, with its language', () => {
    const replay = new PadReplay(updates);
    expect(replay.frameAt(0)).toEqual({ count: 0, text: '', language: 'text' });
    expect(replay.frameAt(1).language).toBe('python');
    for (const count of [2, 3, 50, 51, 400, updates.length]) {
      expect(replay.frameAt(count).text).toBe(texts[count]);
    }
  });

  it('seeks back and forth to any moment, the same as playing up to it from the start', () => {
    const replay = new PadReplay(updates);
    replay.frameAt(updates.length);
    for (const count of [640, 3, 251, 250, 249, 520, 0, 700, 2]) {
      expect(replay.frameAt(count).text).toBe(texts[count]);
    }
  });

  it('holds a count outside the updates to the first or the last', () => {
    const replay = new PadReplay(updates);
    expect(replay.frameAt(-5).count).toBe(0);
    expect(replay.frameAt(10_000)).toMatchObject({ count: updates.length, text: texts.at(-1) });
  });
});
