import { HANGOVER_MS, ONSET_MS, SPEAKING_DB, VoiceActivity } from './voice-activity';

const LOUD = SPEAKING_DB + 20;
const QUIET = SPEAKING_DB - 20;

/** Feeds a level every 50 ms from `from` to `to`; answers the spans that ended. */
function run(activity: VoiceActivity, level: number, from: number, to: number) {
  const spans = [];
  for (let at = from; at < to; at += 50) {
    const span = activity.feed(level, at);
    if (span) spans.push(span);
  }
  return spans;
}

describe('voice activity', () => {
  it('dates a span from the first loud reading to the last one', () => {
    const activity = new VoiceActivity();
    expect(run(activity, LOUD, 1000, 3000)).toEqual([]);
    expect(activity.speaking).toBe(true);
    expect(run(activity, QUIET, 3000, 3000 + HANGOVER_MS + 100)).toEqual([
      { startAt: 1000, endAt: 2950 },
    ]);
    expect(activity.speaking).toBe(false);
  });

  it('ignores a sound shorter than the onset, and keeps the gaps between words inside a span', () => {
    const activity = new VoiceActivity();
    expect(run(activity, LOUD, 0, ONSET_MS - 50)).toEqual([]);
    run(activity, QUIET, ONSET_MS - 50, 2000);
    expect(activity.speaking).toBe(false);

    run(activity, LOUD, 2000, 3000);
    run(activity, QUIET, 3000, 3000 + HANGOVER_MS - 100);
    run(activity, LOUD, 3500, 4000);
    expect(run(activity, QUIET, 4000, 5000)).toEqual([{ startAt: 2000, endAt: 3950 }]);
  });

  it('ends a span in progress when the meter stops', () => {
    const activity = new VoiceActivity();
    run(activity, LOUD, 0, 1000);
    expect(activity.stop()).toEqual({ startAt: 0, endAt: 950 });
    expect(activity.stop()).toBeNull();
  });
});
