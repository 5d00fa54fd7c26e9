import type { Talker } from './talk-time';
import { LONG_SILENCE_MS, talkTime } from './talk-time';

const START = 1_800_000_000_000;
const s = (seconds: number) => seconds * 1000;
/** Spans given in round seconds. */
const spans = (...pairs: [number, number][]) =>
  pairs.map(([from, to]) => ({ startAt: START + s(from), endAt: START + s(to) }));

const talkers = (candidate: [number, number][], interviewer: [number, number][]): Talker[] => [
  { userId: 'c', displayName: 'Cara', role: 'candidate', spans: spans(...candidate) },
  { userId: 'i', displayName: 'Ivan', role: 'interviewer', spans: spans(...interviewer) },
];

describe('talk-time', () => {
  it('is null before the round starts or when no microphone measured anything', () => {
    expect(talkTime(talkers([[1, 2]], []), { startedAt: null, lengthMs: s(60) }, [])).toBeNull();
    expect(talkTime(talkers([], []), { startedAt: START, lengthMs: s(60) }, [])).toBeNull();
  });

  it('shares the talk by person, most first, counting overlapping spans once', () => {
    const result = talkTime(
      talkers(
        [
          [0, 30],
          [20, 60],
        ],
        [[60, 80]],
      ),
      { startedAt: START, lengthMs: s(120) },
      [],
    );
    expect(result?.people).toEqual([
      { userId: 'c', displayName: 'Cara', role: 'candidate', spokeMs: s(60), share: 0.75 },
      { userId: 'i', displayName: 'Ivan', role: 'interviewer', spokeMs: s(20), share: 0.25 },
    ]);
  });

  it('cuts spans to the round: talk before the start or after the end is not counted', () => {
    const result = talkTime(
      talkers(
        [
          [-30, 10],
          [100, 200],
        ],
        [],
      ),
      { startedAt: START, lengthMs: s(120) },
      [],
    );
    expect(result?.people[0]?.spokeMs).toBe(s(30));
  });

  it('finds the longest stretch the candidate gave the interviewer no way in', () => {
    // 0–40 with 2 s pauses is one stretch; the interviewer speaks at 41, so 42–60 is another;
    // the 5 s pause at 65 breaks the last one even with the interviewer silent.
    const result = talkTime(
      talkers(
        [
          [0, 10],
          [12, 25],
          [27, 40],
          [42, 60],
          [65, 70],
        ],
        [[40.5, 41.5]],
      ),
      { startedAt: START, lengthMs: s(120) },
      [],
    );
    expect(result?.longestStretch).toEqual({ startMs: 0, endMs: s(40) });
  });

  it("lists the silences of a minute or more, the round's end included", () => {
    const result = talkTime(
      talkers([[0, 10]], [[80, 90]]),
      { startedAt: START, lengthMs: s(200) },
      [],
    );
    expect(result?.silences).toEqual([
      { startMs: s(10), endMs: s(80) },
      { startMs: s(90), endMs: s(200) },
    ]);
    expect(s(80) - s(10)).toBeGreaterThanOrEqual(LONG_SILENCE_MS);
  });

  it('reads who talked in the minute before each marked move', () => {
    const result = talkTime(
      talkers([[10, 70]], [[70, 80]]),
      { startedAt: START, lengthMs: s(200) },
      [{ move: 'clarify-constraints', name: 'Clarify', offsetsMs: [s(90), s(30)] }],
    );
    expect(result?.moves).toEqual([
      {
        move: 'clarify-constraints',
        name: 'Clarify',
        offsetMs: s(30),
        candidateMs: s(20),
        interviewerMs: 0,
      },
      {
        move: 'clarify-constraints',
        name: 'Clarify',
        offsetMs: s(90),
        candidateMs: s(40),
        interviewerMs: s(10),
      },
    ]);
  });
});
