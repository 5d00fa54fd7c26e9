import { describe, expect, it } from '@jest/globals';
import type { RecordingsResponse, TrackSummary } from '@signal-room/protocol';
import { cueOf, followCue, recordingAt } from './recording-playback';

const track = (startedAt: number): TrackSummary => ({
  userId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  displayName: 'Cleo',
  startedAt,
  durationMs: 60_000,
  bytes: 1000,
  chunks: 12,
});

const recording = (id: string, startedAt: number, tracks = [track(startedAt)]) =>
  ({
    id,
    status: 'ended',
    startedAt,
    endedAt: startedAt + 60_000,
    endReason: 'stopped',
    tracks,
  }) satisfies RecordingsResponse['recordings'][number];

describe('recording playback', () => {
  it('cues each track at the moment, or waits for one that begins after it', () => {
    expect(cueOf(track(10_000), 25_000)).toEqual({ seconds: 15, delayMs: 0 });
    expect(cueOf(track(10_000), 8_000)).toEqual({ seconds: 0, delayMs: 2_000 });
  });

  it('follows the replay: silent outside the track, in step at its speed, moved when it drifts', () => {
    const cleo = track(10_000);
    expect(followCue(cleo, 5_000, 0, 1)).toEqual({ play: false });
    expect(followCue(cleo, 71_000, 0, 1)).toEqual({ play: false });
    // In step: left where it is.
    expect(followCue(cleo, 25_000, 15.1, 1)).toEqual({ play: true, rate: 1, seekTo: null });
    // A scrub, or a skipped idle stretch: moved to where the replay stands.
    expect(followCue(cleo, 40_000, 15, 4)).toEqual({ play: true, rate: 4, seekTo: 30 });
    // At 16x a tick moves the replay on by most of a second: that is not drift yet.
    expect(followCue(cleo, 25_000, 14.2, 16)).toEqual({ play: true, rate: 16, seekTo: null });
  });

  it('plays the recording that holds the moment, else the last begun before it, else the first', () => {
    const first = recording('a', 1_000);
    const second = recording('b', 100_000);
    const silent = recording('c', 50_000, []);
    expect(recordingAt([first, silent, second], 120_000)?.id).toBe('b');
    expect(recordingAt([first, silent, second], 60_000)?.id).toBe('a');
    expect(recordingAt([first, second], 0)?.id).toBe('a');
    expect(recordingAt([silent], 60_000)).toBeNull();
  });
});
