import type { EvidenceAnchor } from '@signal-room/domain';
import { MAX_ANCHORED_ELEMENTS } from '@signal-room/domain';
import type { LineRange } from '../workspace';

/**
 * Where a note, move or flag opens its replay: the session's timeline at the moment it records
 * (on the round's clock) and, for a note on the pad or the board, on what it points at.
 */
export function replayLink(sessionId: string, offsetMs: number, anchor?: EvidenceAnchor): string {
  const where = !anchor
    ? ''
    : anchor.documentId === 'pad'
      ? `&lines=${anchor.fromLine}-${anchor.toLine}`
      : `&elements=${anchor.elementIds.join(',')}`;
  return `/history/${sessionId}?at=${Math.round(offsetMs)}${where}`;
}

/** The lines of a link's `lines=3-7` (or `lines=3`), or null for anything else. */
export function linesFromParam(value: string | null): LineRange | null {
  const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(value ?? '');
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  return from >= 1 && to >= from ? { from, to } : null;
}

/** The board elements of a link's `elements=a,b`, or null for anything else. */
export function elementsFromParam(value: string | null): string[] | null {
  const ids = (value ?? '').split(',');
  const valid = ids.every((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id));
  return valid && ids.length <= MAX_ANCHORED_ELEMENTS ? ids : null;
}
