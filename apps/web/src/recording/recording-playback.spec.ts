import { describe, expect, it } from '@jest/globals';
import type { RecordingsResponse, TrackSummary } from '@signal-room/protocol';
import { cueOf, recordingAt } from './recording-playback';

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
