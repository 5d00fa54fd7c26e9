import { describe, expect, it } from '@jest/globals';
import type { Evidence, RoomCommandType } from '@signal-room/domain';
import { emptyScores } from '@signal-room/domain';
import { currentPhase, shownEvidence, shownMoves, shownScores } from './pending';
import type { PendingCommand } from './room-store';
import { INTERVIEWER_ID, NOW, roomState } from './testing/room-fixtures';

const queued = (
  clientEventId: string,
  type: RoomCommandType,
  payload: unknown,
): PendingCommand => ({
  clientEventId,
  type,
  payload,
  queuedAt: NOW,
});

const saved: Evidence = {
  id: 'e1',
  signal: 'framing',
  polarity: 'strong',
  note: 'Asked about volume',
  offsetMs: 90_000,
  authorId: INTERVIEWER_ID,
};

describe('what the outbox adds to the view', () => {
  it('shows an unsent note as pending, in round-time order', () => {
    const pending = [
      queued('e2', 'evidence.add', {
        signal: 'coding',
        polarity: 'weak',
        note: 'No tests',
        offsetMs: 30_000,
      }),
    ];
    expect(shownEvidence([saved], pending, INTERVIEWER_ID)).toEqual([
      {
        id: 'e2',
        signal: 'coding',
        polarity: 'weak',
        note: 'No tests',
        offsetMs: 30_000,
        authorId: INTERVIEWER_ID,
        pending: true,
      },
      { ...saved, pending: false },
    ]);
  });

  it('does not show a note twice once the server’s copy has arrived before the ack', () => {
    const pending = [queued('e1', 'evidence.add', { ...saved })];
    expect(shownEvidence([saved], pending, INTERVIEWER_ID)).toEqual([{ ...saved, pending: false }]);
  });

  it('applies unsent edits and removals in order', () => {
    const pending = [
      queued('c1', 'evidence.edit', { evidenceId: 'e1', polarity: 'weak' }),
      queued('c2', 'evidence.add', {
        signal: 'coding',
        polarity: 'weak',
        note: 'Gone',
        offsetMs: 1,
      }),
      queued('c3', 'evidence.remove', { evidenceId: 'c2' }),
    ];
    expect(shownEvidence([saved], pending, INTERVIEWER_ID)).toEqual([
      { ...saved, polarity: 'weak', pending: true },
    ]);
  });

  it('lays unsent score changes over the confirmed scores', () => {
    const pending = [
      queued('c1', 'score.set', { signal: 'coding', score: 4 }),
      queued('c2', 'score.clear', { signal: 'framing' }),
    ];
    const { scores, pending: waiting } = shownScores({ ...emptyScores(), framing: 3 }, pending);
    expect(scores).toEqual({ ...emptyScores(), coding: 4 });
    expect([...waiting].sort()).toEqual(['coding', 'framing']);
  });

  it('shows unsent marks and hides marks whose undo is unsent', () => {
    const moves = [
      { id: 'm1', move: 'narrow-scope' as const, offsetMs: 10_000, authorId: INTERVIEWER_ID },
    ];
    const pending = [
      queued('m2', 'move.mark', { move: 'clarify-constraints', offsetMs: 5_000 }),
      queued('c1', 'move.unmark', { markId: 'm1' }),
    ];
    expect(shownMoves(moves, pending, INTERVIEWER_ID)).toEqual([
      {
        id: 'm2',
        move: 'clarify-constraints',
        offsetMs: 5_000,
        authorId: INTERVIEWER_ID,
        pending: true,
      },
    ]);
  });

  it('takes the phase from the outbox first, then from the room', () => {
    const state = roomState({ phases: [{ phaseId: 'clarify-scope', offsetMs: 0 }] });
    expect(currentPhase(state, [])).toEqual({ phaseId: 'clarify-scope', pending: false });
    expect(
      currentPhase(state, [queued('p', 'phase.change', { phaseId: 'choose-design' })]),
    ).toEqual({
      phaseId: 'choose-design',
      pending: true,
    });
  });
});
