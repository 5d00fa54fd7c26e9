import { describe, expect, it } from '@jest/globals';
import type { Actor, RoomEvent, RoomState } from '@signal-room/domain';
import { emptyScores, initialRoomState, reduceAll } from '@signal-room/domain';
import { optimisticView } from './optimistic';
import type { QueuedCommand } from './outbox';

const IVY: Actor = { userId: '11111111-1111-4111-8111-111111111111', role: 'interviewer' };
const T0 = 1_700_000_000_000;

const at = (seq: number, event: Omit<RoomEvent, 'seq' | 'actorId' | 'at'>): RoomEvent =>
  ({ ...event, seq, actorId: IVY.userId, at: T0 }) as RoomEvent;

/** A live room, started at T0, with one note of Ivy's and one communication move. */
const live: RoomState = reduceAll(
  initialRoomState({
    sessionId: '22222222-2222-4222-8222-222222222222',
    roundType: 'system-design',
    visibility: 'private',
    interviewerId: IVY.userId,
    durationMs: 45 * 60_000,
    prompt: null,
  }),
  [
    at(1, { type: 'timer.started', payload: {} }),
    at(2, {
      type: 'evidence.added',
      payload: {
        evidence: {
          id: 'e1',
          signal: 'framing',
          polarity: 'strong',
          note: 'Asked about volume',
          offsetMs: 90_000,
          authorId: IVY.userId,
        },
      },
    }),
    at(3, {
      type: 'move.marked',
      payload: { markId: 'm1', move: 'narrow-scope', offsetMs: 10_000 },
    }),
  ],
);

const queued = (
  clientEventId: string,
  command: Omit<QueuedCommand, 'clientEventId' | 'queuedAt'>,
) => ({ ...command, clientEventId, queuedAt: T0 }) as QueuedCommand;

const view = (commands: QueuedCommand[], state = live) =>
  optimisticView(state, commands, IVY, T0 + 5 * 60_000);

describe('the room with the outbox laid over it', () => {
  it('shows an unsent note, by the same rules the server applies, and marks it unsent', () => {
    const { state, unsent } = view([
      queued('e2', {
        type: 'evidence.add',
        payload: { signal: 'coding', polarity: 'weak', note: 'No tests', offsetMs: 30_000 },
      }),
    ]);
    expect(state.scorecards[IVY.userId]?.evidence.map((item) => item.id)).toEqual(['e1', 'e2']);
    expect([...unsent.items]).toEqual(['e2']);
    // The confirmed seq is kept: a rejoin asks for what came after what the server sent.
    expect(state.seq).toBe(live.seq);
  });

  it('does not show a note twice once its event has come before its ack', () => {
    const { state } = view([
      queued('e1', {
        type: 'evidence.add',
        payload: { signal: 'framing', polarity: 'strong', note: 'Asked about volume' },
      }),
    ]);
    expect(state.scorecards[IVY.userId]?.evidence).toHaveLength(1);
  });

  it('applies unsent edits and removals in order', () => {
    const { state, unsent } = view([
      queued('c1', { type: 'evidence.edit', payload: { evidenceId: 'e1', polarity: 'weak' } }),
      queued('c2', {
        type: 'evidence.add',
        payload: { signal: 'coding', polarity: 'weak', note: 'Gone', offsetMs: 1 },
      }),
      queued('c3', { type: 'evidence.remove', payload: { evidenceId: 'c2' } }),
    ]);
    expect(state.scorecards[IVY.userId]?.evidence).toEqual([
      expect.objectContaining({ id: 'e1', polarity: 'weak' }),
    ]);
    expect(unsent.items.has('e1')).toBe(true);
  });

  it('lays unsent score changes over the confirmed scores and says which wait', () => {
    const scored = reduceAll(live, [
      at(4, { type: 'score.set', payload: { signal: 'framing', score: 3 } }),
    ]);
    const { state, unsent } = view(
      [
        queued('c1', { type: 'score.set', payload: { signal: 'coding', score: 4 } }),
        queued('c2', { type: 'score.clear', payload: { signal: 'framing' } }),
      ],
      scored,
    );
    expect(state.scorecards[IVY.userId]?.scores).toEqual({ ...emptyScores(), coding: 4 });
    expect([...unsent.scores].sort()).toEqual(['coding', 'framing']);
  });

  it('shows unsent marks and hides a mark whose undo is unsent', () => {
    const { state } = view([
      queued('m2', {
        type: 'move.mark',
        payload: { move: 'clarify-constraints', offsetMs: 5_000 },
      }),
      queued('c1', { type: 'move.unmark', payload: { markId: 'm1' } }),
    ]);
    expect(state.moves.map((mark) => mark.id)).toEqual(['m2']);
  });

  it('shows a queued phase as the current one', () => {
    const { state, unsent } = view([
      queued('p', { type: 'phase.change', payload: { phaseId: 'choose-design' } }),
    ]);
    expect(state.phases.at(-1)?.phaseId).toBe('choose-design');
    expect(unsent.types.has('phase.change')).toBe(true);
  });

  it('leaves out what only the server settles, and what its rules refuse', () => {
    const { state, unsent } = view([
      queued('c1', { type: 'session.end', payload: {} }),
      queued('c2', { type: 'evidence.remove', payload: { evidenceId: 'not-there' } }),
    ]);
    expect(state).toEqual(live);
    expect([...unsent.types]).toEqual(['session.end', 'evidence.remove']);
  });
});
