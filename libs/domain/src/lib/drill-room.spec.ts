import { drillById, roundTypeById } from './catalog';
import { drillRoom } from './drill-room';
import { EXERCISE_DRILL_IDS, SIGNAL_IDS } from './model';

describe('drillRoom', () => {
  it("runs the restraint drill for framing as a short round with the drill's exercise as the prompt", () => {
    const room = drillRoom('primary-signal-restraint', 'framing');
    const drill = drillById('primary-signal-restraint');
    expect(room?.roundType).toBe('coding-screen');
    expect(room?.durationMinutes).toBe(drill.minutes);
    expect(room?.prompt).toEqual({
      promptId: null,
      title: 'Primary-signal restraint, scored on Problem framing',
      body: expect.stringContaining(drill.description),
      hints: [],
      followUps: [],
      signals: ['framing'],
      guide: null,
    });
    for (const [index, step] of drill.steps.entries()) {
      expect(room?.prompt.body).toContain(`${index + 1}. ${step}`);
    }
    expect(room?.prompt.body).toMatch(/Your partner scores one signal, Problem framing,/);
  });

  it.each(EXERCISE_DRILL_IDS)(
    '%s: a room for each signal it targets, primary in its round; none for the others',
    (id) => {
      const { signals } = drillById(id);
      for (const signal of SIGNAL_IDS) {
        const room = drillRoom(id, signal);
        if (!signals.includes(signal)) {
          expect(room).toBeNull();
          continue;
        }
        expect(room?.prompt.signals).toEqual([signal]);
        expect(roundTypeById(room?.roundType ?? 'coding-screen').primary).toContain(signal);
      }
    },
  );
});
