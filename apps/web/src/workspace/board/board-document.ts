import { DOCUMENT_CONTENT } from '@signal-room/domain';
import type * as Y from 'yjs';

/**
 * An element as the board stores it: Excalidraw's own JSON, whole. Excalidraw bumps `version` (and
 * draws a new `versionNonce`) on every change, which is how a changed element is told apart.
 */
export interface StoredElement {
  readonly id: string;
  readonly version: number;
  readonly versionNonce: number;
  readonly [field: string]: unknown;
}

const ELEMENTS = DOCUMENT_CONTENT.board;

/** The board's elements by id. A deleted element stays, marked `isDeleted`, as Excalidraw keeps it. */
export const boardElements = (doc: Y.Doc): Y.Map<StoredElement> => doc.getMap(ELEMENTS);

// Excalidraw changes its elements in place; what is stored, or handed back to it, is a copy.
const copy = (element: StoredElement): StoredElement =>
  JSON.parse(JSON.stringify(element)) as StoredElement;

/**
 * Stores the elements that differ from what the board holds, in one transaction under `origin`;
 * returns how many. A scene that only moved the viewport or the selection stores nothing.
 */
export function storeChanged(
  doc: Y.Doc,
  elements: readonly StoredElement[],
  origin: unknown,
): number {
  const stored = boardElements(doc);
  const changed = elements.filter((element) => {
    const held = stored.get(element.id);
    return held?.version !== element.version || held.versionNonce !== element.versionNonce;
  });
  if (changed.length > 0) {
    doc.transact(() => {
      for (const element of changed) stored.set(element.id, copy(element));
    }, origin);
  }
  return changed.length;
}

/** Every stored element, as copies Excalidraw may change. */
export const storedElements = (doc: Y.Doc): StoredElement[] =>
  [...boardElements(doc).values()].map(copy);

/** The ids of the elements drawn and not deleted: what a note on "the whole board" would cover. */
export const drawnIds = (doc: Y.Doc): string[] =>
  [...boardElements(doc).values()]
    .filter((element) => element['isDeleted'] !== true)
    .map((element) => element.id);

const KIND_NAMES: Record<string, [one: string, many: string]> = {
  rectangle: ['box', 'boxes'],
  diamond: ['diamond', 'diamonds'],
  ellipse: ['ellipse', 'ellipses'],
  arrow: ['arrow', 'arrows'],
  line: ['line', 'lines'],
  freedraw: ['drawing', 'drawings'],
  text: ['text', 'texts'],
  frame: ['frame', 'frames'],
};

/**
 * The board in words, for whoever cannot see the canvas: how many of each kind are drawn, and
 * what the text on it says.
 */
export function describeBoard(elements: readonly StoredElement[]): string {
  const drawn = elements.filter((element) => element['isDeleted'] !== true);
  if (drawn.length === 0) return 'The board is empty.';
  // In a fixed order (the kinds' own), whatever order they were drawn in.
  const counts = new Map<string, number>(
    [...Object.keys(KIND_NAMES), 'other'].map((kind) => [kind, 0]),
  );
  for (const { type } of drawn) {
    const kind = typeof type === 'string' && type in KIND_NAMES ? type : 'other';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const kinds = [...counts]
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => {
      const [one, many] = KIND_NAMES[kind] ?? ['other shape', 'other shapes'];
      return `${count} ${count === 1 ? one : many}`;
    });
  const texts = drawn
    .map((element) => element['text'])
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
    .map((text) => `“${text.trim()}”`);
  return [
    `On the board: ${kinds.join(', ')}.`,
    texts.length > 0 ? `Text: ${texts.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
