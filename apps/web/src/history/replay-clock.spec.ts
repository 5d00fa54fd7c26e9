import { describe, expect, it } from '@jest/globals';
import { ROUND_EVENTS, STARTED_AT, startingRoom } from '../testing/feedback-fixtures';
import { ReplayClock } from './replay-clock';
import { readTimeline } from './timeline-steps';

const SECOND = 1000;
const { steps } = readTimeline(startingRoom(), ROUND_EVENTS);
// The fixture's clock starts at STARTED_AT, pauses at 2:30 and resumes a minute later.
const clock = new ReplayClock(startingRoom(), steps);

describe('ReplayClock', () => {
  it('reads the round clock at any wall time: still before the start and while paused', () => {
    expect(clock.clockAt(STARTED_AT - 20 * SECOND)).toBe(0);
    expect(clock.clockAt(STARTED_AT + 90 * SECOND)).toBe(90 * SECOND);
    expect(clock.clockAt(STARTED_AT + 180 * SECOND)).toBe(150 * SECOND);
    expect(clock.clockAt(STARTED_AT + 240 * SECOND)).toBe(180 * SECOND);
  });

  it('finds the wall time a moment of the round clock was reached, across the pause', () => {
    expect(clock.wallAt(90 * SECOND)).toBe(STARTED_AT + 90 * SECOND);
    expect(clock.wallAt(150 * SECOND)).toBe(STARTED_AT + 150 * SECOND);
    expect(clock.wallAt(180 * SECOND)).toBe(STARTED_AT + 240 * SECOND);
    for (const wall of [STARTED_AT + 7 * SECOND, STARTED_AT + 300 * SECOND]) {
      expect(clock.wallAt(clock.clockAt(wall))).toBe(wall);
    }
  });

  it('puts a note at the moment its typing began, and other steps where they were committed', () => {
    const note = steps.find((step) => step.event.type === 'evidence.added');
    const reveal = steps.find((step) => step.event.type === 'prompt.revealed');
    expect(note && clock.momentOf(note)).toBe(STARTED_AT + 89_600);
    expect(note && note.event.at).toBeGreaterThan(STARTED_AT + 89_600);
    expect(reveal && clock.momentOf(reveal)).toBe(STARTED_AT - 10 * SECOND);
  });
});
