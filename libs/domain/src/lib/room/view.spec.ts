import { eventBody } from './events';
import {
  CANDIDATE,
  command,
  commit,
  INTERVIEWER,
  liveRoom,
  MINUTE,
  newRoom,
  OBSERVER,
  run,
  T0,
  testPrompt,
} from './room-fixtures';
import type { RoomState, SessionConfig, Visibility } from './state';
import { seesScores, viewFor } from './view';

const NOW = T0 + 5 * MINUTE;

/** A live room in which both staff keep a scorecard and the interviewer marked a move and a flag. */
function scoredRoom(config: Partial<SessionConfig> = {}): RoomState {
  let state = liveRoom(config);
  for (const actor of [INTERVIEWER, OBSERVER]) {
    state = run(
      state,
      command(
        'evidence.add',
        { signal: 'architecture', polarity: 'strong', note: `note by ${actor.userId}` },
        `evidence-${actor.userId}`,
      ),
      actor,
      NOW,
    );
    state = run(state, command('score.set', { signal: 'architecture', score: 4 }), actor, NOW);
  }
  state = run(state, command('move.mark', { move: 'narrow-scope' }, 'move-1'), INTERVIEWER, NOW);
  state = run(state, command('flag.mark', { flag: 'signal-bloat' }, 'flag-1'), INTERVIEWER, NOW);
  return run(state, command('hint.reveal', {}), INTERVIEWER, NOW);
}

const end = (state: RoomState) => run(state, command('session.end', {}), INTERVIEWER, NOW + MINUTE);
const release = (state: RoomState) =>
  run(state, command('feedback.release', {}), INTERVIEWER, NOW + 2 * MINUTE);

describe('viewFor: staff', () => {
  it.each([INTERVIEWER, OBSERVER])('shows $role only their own scorecard while live', (actor) => {
    const view = viewFor(scoredRoom(), actor);
    expect(Object.keys(view.scorecards)).toEqual([actor.userId]);
    expect(view.scorecards[actor.userId].evidence[0].note).toBe(`note by ${actor.userId}`);
  });

  it('shows a staff member without a scorecard none', () => {
    const view = viewFor(scoredRoom(), { userId: 'observer-2', role: 'observer' });
    expect(view.scorecards).toEqual({});
  });

  it.each([INTERVIEWER, OBSERVER])('shows $role every scorecard once the round ended', (actor) => {
    const state = end(scoredRoom());
    expect(viewFor(state, actor).scorecards).toEqual(state.scorecards);
    expect(Object.keys(state.scorecards).sort()).toEqual([INTERVIEWER.userId, OBSERVER.userId]);
  });

  it('shows staff the whole prompt, the moves and the flags', () => {
    const state = scoredRoom();
    const view = viewFor(state, OBSERVER);
    expect(view.prompt).toEqual(state.prompt);
    expect(view.moves).toEqual(state.moves);
    expect(view.flags).toEqual(state.flags);
  });

  it('shows staff the prompt before it is revealed', () => {
    expect(viewFor(newRoom(), INTERVIEWER).prompt).toEqual(testPrompt());
  });
});

describe('viewFor: the candidate in a private round', () => {
  it('shows no prompt before it is revealed', () => {
    expect(viewFor(newRoom(), CANDIDATE).prompt).toBeNull();
  });

  it('shows no prompt in a room without one', () => {
    expect(viewFor(newRoom({ prompt: null }), CANDIDATE).prompt).toBeNull();
  });

  it('shows the revealed prompt with only the hints revealed so far, no guide, no follow-ups', () => {
    const view = viewFor(scoredRoom(), CANDIDATE);
    expect(view.prompt).toEqual({
      promptId: null,
      title: 'Prompt A',
      body: testPrompt().body,
      hints: ['HINT-A-0'],
      followUps: [],
      signals: ['architecture', 'production'],
      guide: null,
    });
  });

  it('shows no scorecards, moves or flags while live', () => {
    const view = viewFor(scoredRoom(), CANDIDATE);
    expect(view.scorecards).toEqual({});
    expect(view.moves).toEqual([]);
    expect(view.flags).toEqual([]);
  });

  it('still shows none after the end, until feedback is released', () => {
    const view = viewFor(end(scoredRoom()), CANDIDATE);
    expect(view.scorecards).toEqual({});
    expect(view.moves).toEqual([]);
    expect(view.flags).toEqual([]);
    expect(view.prompt?.guide).toBeNull();
  });

  it("shows the interviewer's scorecard, moves and flags once feedback is released, never the observer's", () => {
    const state = release(end(scoredRoom()));
    const view = viewFor(state, CANDIDATE);
    expect(Object.keys(view.scorecards)).toEqual([INTERVIEWER.userId]);
    expect(view.scorecards[INTERVIEWER.userId]).toEqual(state.scorecards[INTERVIEWER.userId]);
    expect(view.moves.map((mark) => mark.id)).toEqual(['move-1']);
    expect(view.flags.map((mark) => mark.id)).toEqual(['flag-1']);
    expect(JSON.stringify(view)).not.toContain(`note by ${OBSERVER.userId}`);
  });

  it('keeps the guide, the follow-ups and unrevealed hints from the candidate even after release', () => {
    const view = viewFor(release(end(scoredRoom())), CANDIDATE);
    const text = JSON.stringify(view);
    for (const secret of [
      'GUIDE-POINT-A-0',
      'GUIDE-SENIOR-A',
      'FOLLOWUP-A-0',
      'HINT-A-1',
      'HINT-A-2',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('shows nothing of a scorecard the interviewer has not started', () => {
    const state = release(end(liveRoom()));
    expect(viewFor(state, CANDIDATE).scorecards).toEqual({});
  });
});

describe('viewFor: the candidate in a coaching round', () => {
  it("shows the interviewer's scorecard, moves and flags live, never the observer's", () => {
    const state = scoredRoom({ visibility: 'coaching' });
    const view = viewFor(state, CANDIDATE);
    expect(Object.keys(view.scorecards)).toEqual([INTERVIEWER.userId]);
    expect(view.moves).toEqual(state.moves);
    expect(view.flags).toEqual(state.flags);
    expect(JSON.stringify(view)).not.toContain(`note by ${OBSERVER.userId}`);
  });

  it('still keeps the guide and the follow-ups from the candidate', () => {
    const view = viewFor(scoredRoom({ visibility: 'coaching' }), CANDIDATE);
    expect(view.prompt?.guide).toBeNull();
    expect(view.prompt?.followUps).toEqual([]);
  });
});

describe("viewFor: the interviewer's summary", () => {
  const SUMMARY = { text: 'SUMMARY-TEXT', practiseNext: 'PRACTISE-NEXT' };
  const summarised = (config: Partial<SessionConfig> = {}) =>
    run(scoredRoom(config), command('summary.write', SUMMARY), INTERVIEWER, NOW);

  it("is the interviewer's to read from the moment it is written", () => {
    expect(viewFor(summarised(), INTERVIEWER).summary).toEqual(SUMMARY);
  });

  it('reaches an observer only once the round has ended', () => {
    expect(viewFor(summarised(), OBSERVER).summary).toBeNull();
    expect(viewFor(end(summarised()), OBSERVER).summary).toEqual(SUMMARY);
  });

  it.each<Visibility>(['private', 'coaching'])(
    'reaches the candidate of a %s round only once feedback is released',
    (visibility) => {
      const live = summarised({ visibility });
      for (const state of visibility === 'private' ? [live, end(live)] : [live]) {
        const view = viewFor(state, CANDIDATE);
        expect(view.summary).toBeNull();
        expect(JSON.stringify(view)).not.toMatch(/SUMMARY-TEXT|PRACTISE-NEXT/);
      }
      const out = visibility === 'private' ? release(end(live)) : end(live);
      expect(viewFor(out, CANDIDATE).summary).toEqual(SUMMARY);
    },
  );
});

describe('seesScores', () => {
  it('lets staff see scores always', () => {
    expect(seesScores(newRoom(), INTERVIEWER)).toBe(true);
    expect(seesScores(newRoom(), OBSERVER)).toBe(true);
  });

  it('lets the candidate see scores in coaching mode, or once private feedback is released', () => {
    expect(seesScores(newRoom(), CANDIDATE)).toBe(false);
    expect(seesScores(end(newRoom()), CANDIDATE)).toBe(false);
    expect(seesScores(release(end(newRoom())), CANDIDATE)).toBe(true);
    expect(seesScores(newRoom({ visibility: 'coaching' }), CANDIDATE)).toBe(true);
  });
});

describe('viewFor: purity', () => {
  it('leaves the room state untouched', () => {
    const state = scoredRoom();
    const copy = JSON.parse(JSON.stringify(state));
    viewFor(state, CANDIDATE);
    viewFor(state, OBSERVER);
    expect(state).toEqual(copy);
  });

  it('keeps what is not private for everyone: participants, timer, phases', () => {
    const state = commit(
      scoredRoom(),
      [eventBody('phase.changed', { phaseId: 'clarify-scope', offsetMs: 0 })],
      INTERVIEWER.userId,
      NOW,
    );
    const view = viewFor(state, CANDIDATE);
    expect(view.participants).toEqual(state.participants);
    expect(view.timer).toEqual(state.timer);
    expect(view.phases).toEqual(state.phases);
    expect(view.seq).toBe(state.seq);
  });
});
