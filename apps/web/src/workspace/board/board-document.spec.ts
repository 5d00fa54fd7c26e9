import * as Y from 'yjs';
import type { StoredElement } from './board-document';
import {
  boardElements,
  describeBoard,
  drawnIds,
  storeChanged,
  storedElements,
} from './board-document';

const rectangle = (
  id: string,
  version = 1,
  extra: Record<string, unknown> = {},
): StoredElement => ({
  id,
  type: 'rectangle',
  version,
  versionNonce: version * 7919,
  x: 10,
  y: 20,
  width: 100,
  height: 40,
  ...extra,
});

/** Brings two replicas that changed apart back in step, as the room does when both reconnect. */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

describe('the board document', () => {
  it('stores only the elements whose version changed, in one update', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(storeChanged(doc, [rectangle('a'), rectangle('b')], 'local')).toBe(2);
    expect(updates).toHaveLength(1);
    expect(storeChanged(doc, [rectangle('a'), rectangle('b')], 'local')).toBe(0);
    expect(storeChanged(doc, [rectangle('a', 2), rectangle('b')], 'local')).toBe(1);
    expect(updates).toHaveLength(2);
    expect(boardElements(doc).get('a')?.version).toBe(2);
  });

  it('keeps its own copies: an element changed in place after storing is not changed in the store', () => {
    const doc = new Y.Doc();
    const element = { ...rectangle('a') } as Record<string, unknown>;
    storeChanged(doc, [element as unknown as StoredElement], 'local');
    element['x'] = 999;
    expect(boardElements(doc).get('a')?.['x']).toBe(10);
    const handedOut = storedElements(doc)[0] as Record<string, unknown>;
    handedOut['x'] = 555;
    expect(boardElements(doc).get('a')?.['x']).toBe(10);
  });

  it('converges when two people draw at once, the same element included', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    storeChanged(a, [rectangle('shared')], 'local');
    exchange(a, b);
    // Apart, each draws an element of their own and moves the shared one somewhere else.
    storeChanged(a, [rectangle('mine'), rectangle('shared', 2, { x: 50 })], 'local');
    storeChanged(b, [rectangle('yours'), rectangle('shared', 2, { x: 80 })], 'local');
    exchange(a, b);
    const byId = (doc: Y.Doc) => storedElements(doc).sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(a)).toEqual(byId(b));
    expect(drawnIds(b).sort()).toEqual(['mine', 'shared', 'yours']);
    expect([50, 80]).toContain(boardElements(a).get('shared')?.['x']);
  });

  it('keeps deleted elements, and lists only the drawn ones', () => {
    const doc = new Y.Doc();
    storeChanged(doc, [rectangle('a'), rectangle('b', 3, { isDeleted: true })], 'local');
    expect(storedElements(doc)).toHaveLength(2);
    expect(drawnIds(doc)).toEqual(['a']);
  });

  it('says in words what is drawn and what the text on it reads, deleted shapes left out', () => {
    expect(describeBoard([])).toBe('The board is empty.');
    expect(
      describeBoard([
        rectangle('a'),
        rectangle('b'),
        rectangle('c', 1, { type: 'arrow' }),
        rectangle('d', 1, { type: 'text', text: ' API gateway ' }),
        rectangle('e', 2, { type: 'ellipse', isDeleted: true }),
        rectangle('f', 1, { type: 'embeddable' }),
      ]),
    ).toBe('On the board: 2 boxes, 1 arrow, 1 text, 1 other shape. Text: “API gateway”.');
  });
});
