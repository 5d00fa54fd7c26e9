import type * as Y from 'yjs';

/** The origin of edits made through a field, so its own observer does not write them back. */
export const FIELD = Symbol('field');

/**
 * Writes a field's new value into its shared text as the one edit that turns `before` into
 * `after` (the span between their common start and end), so a concurrent edit elsewhere in the
 * text survives, as it would not if the whole text were replaced.
 */
export function writeEdit(text: Y.Text, before: string, after: string): void {
  const shortest = Math.min(before.length, after.length);
  let start = 0;
  while (start < shortest && before[start] === after[start]) start += 1;
  let end = 0;
  while (
    end < shortest - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end += 1;
  }
  const removed = before.length - start - end;
  const inserted = after.slice(start, after.length - end);
  if (removed === 0 && inserted === '') return;
  const apply = () => {
    if (removed > 0) text.delete(start, removed);
    if (inserted) text.insert(start, inserted);
  };
  if (text.doc) text.doc.transact(apply, FIELD);
  else apply();
}

/**
 * Where a caret at `position` is after someone else's change (a Yjs delta): moved by what was
 * inserted or deleted before it, so typing on goes on where the person was.
 */
export function caretAfter(delta: Y.YTextEvent['delta'], position: number): number {
  let index = 0;
  let moved = position;
  for (const op of delta) {
    if (index >= position) break;
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      moved += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      moved -= Math.min(op.delete, position - index);
      index += op.delete;
    }
  }
  return moved;
}
