import { describe, expect, it } from '@jest/globals';
import { IDLE_GAP_MS, SKIP_LEAD_MS, advance } from './playback';

const span = { start: 0, end: 60_000 };
const activity = [0, 1_000, 1_200, 30_000, 30_100];

describe('advance', () => {
  it('moves on by the elapsed replay time while things happen close together', () => {
    expect(advance(1_000, 150, { span, activity, skipIdle: true })).toBe(1_150);
  });

  it('skips an idle stretch to just before the next activity, only when asked to', () => {
    expect(30_000 - 1_200).toBeGreaterThan(IDLE_GAP_MS);
    expect(advance(1_300, 50, { span, activity, skipIdle: true })).toBe(30_000 - SKIP_LEAD_MS);
    expect(advance(1_300, 50, { span, activity, skipIdle: false })).toBe(1_350);
  });

  it('never runs past the end, and has nothing to skip to after the last activity', () => {
    expect(advance(59_900, 800, { span, activity, skipIdle: true })).toBe(60_000);
    expect(advance(40_000, 50, { span, activity, skipIdle: true })).toBe(40_050);
  });
});
