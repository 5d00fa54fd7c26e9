import type { RecordingsResponse, TrackSummary } from '@signal-room/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError, getTrack, listRecordings } from '../api/client';
import { formatOffset } from '@signal-room/domain';
import styles from './recording-playback.module.css';

/** Playback opens this long before the moment asked for, so the listener hears it coming. */
export const LEAD_IN_MS = 5_000;

type Recorded = RecordingsResponse['recordings'][number];

interface LoadedTrack extends TrackSummary {
  url: string;
}

type Loaded =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'closed'; reason: string }
  | { status: 'ready'; recording: Recorded; tracks: LoadedTrack[] };

/** The recording that holds `at`, else the last to have begun before it, else the first. */
export function recordingAt(recordings: readonly Recorded[], at: number): Recorded | null {
  const heard = recordings.filter((recording) => recording.tracks.length > 0);
  const before = heard.filter((recording) => (recording.startedAt ?? Infinity) <= at);
  return before.at(-1) ?? heard[0] ?? null;
}

/** Where each track is to be at `from` (server ms): seconds into it, or how long until it begins. */
export const cueOf = (track: TrackSummary, from: number): { seconds: number; delayMs: number } =>
  from >= track.startedAt
    ? { seconds: (from - track.startedAt) / 1000, delayMs: 0 }
    : { seconds: 0, delayMs: track.startedAt - from };

/** The fastest a browser plays audio (Chromium's limit); the replay's 16× is within it. */
const MAX_RATE = 16;

/**
 * What a track does while the voices follow the replay standing at `at` (server ms): silent
 * outside its span, else playing at the replay's speed, moved to `at` when it has drifted more
 * than a tick of the replay from it (a scrub, a skipped idle stretch, a slow start).
 */
export function followCue(
  track: TrackSummary,
  at: number,
  currentSeconds: number,
  speed: number,
): { play: false } | { play: true; rate: number; seekTo: number | null } {
  const seconds = (at - track.startedAt) / 1000;
  if (seconds < 0 || seconds >= track.durationMs / 1000) return { play: false };
  const drift = 0.25 + 0.05 * speed;
  const seekTo = Math.abs(currentSeconds - seconds) > drift ? seconds : null;
  return { play: true, rate: Math.min(MAX_RATE, speed), seekTo };
}

interface RecordingPlaybackProps {
  sessionId: string;
  /** The moment to hear, server epoch ms; playback starts LEAD_IN_MS before it. */
  at: number;
  /** The round's clock at that moment, for the words on the button. */
  offsetMs: number;
  /** Start at once, as when a note's link opened the page. */
  autoPlay?: boolean;
  /** The workspace replay: while it plays, the voices follow its position and speed. */
  follow?: { playing: boolean; speed: number };
}

/**
 * Every voice of the round's recording, each person's track played in step from a few seconds
 * before a moment. The tracks are fetched with the sign-in and played from this page's memory.
 */
export function RecordingPlayback({
  sessionId,
  at,
  offsetMs,
  autoPlay = false,
  follow,
}: RecordingPlaybackProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [playing, setPlaying] = useState(false);
  const [blocked, setBlocked] = useState(false);
  const players = useRef(new Map<string, HTMLAudioElement>());
  const timers = useRef<number[]>([]);
  // Read when playing starts: a new moment seeks, it does not load the tracks again.
  const moment = useRef(at);
  useEffect(() => {
    moment.current = at;
  }, [at]);
  const autoPlayed = useRef(false);

  useEffect(() => {
    const abort = new AbortController();
    const urls: string[] = [];
    (async () => {
      const { recordings } = await listRecordings(sessionId, abort.signal);
      const recording = recordingAt(recordings, moment.current);
      if (!recording) return setLoaded({ status: 'none' });
      const tracks = await Promise.all(
        recording.tracks.map(async (track) => {
          const url = URL.createObjectURL(
            await getTrack(sessionId, recording.id, track.userId, abort.signal),
          );
          urls.push(url);
          return { ...track, url };
        }),
      );
      setLoaded({ status: 'ready', recording, tracks });
    })().catch((error: unknown) => {
      if (abort.signal.aborted) return;
      setLoaded(
        error instanceof ApiRequestError && error.code === 'FEEDBACK_NOT_READY'
          ? { status: 'closed', reason: error.message }
          : { status: 'closed', reason: 'The recording could not be loaded.' },
      );
    });
    return () => {
      abort.abort();
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [sessionId]);

  const halt = useCallback(() => {
    for (const timer of timers.current.splice(0)) window.clearTimeout(timer);
    for (const player of players.current.values()) player.pause();
    setPlaying(false);
  }, []);

  const play = useCallback(() => {
    if (loaded.status !== 'ready') return;
    halt();
    for (const player of players.current.values()) player.playbackRate = 1;
    const from = moment.current - LEAD_IN_MS;
    const starts = loaded.tracks.map((track) => {
      const player = players.current.get(track.userId);
      if (!player) return Promise.resolve();
      const { seconds, delayMs } = cueOf(track, from);
      player.currentTime = seconds;
      if (delayMs === 0) return player.play();
      timers.current.push(
        window.setTimeout(() => void player.play().catch(() => undefined), delayMs),
      );
      return Promise.resolve();
    });
    setPlaying(true);
    Promise.all(starts).then(
      () => setBlocked(false),
      // A browser that wants a click before sound (autoplay) refuses here; the button stays.
      () => {
        setBlocked(true);
        halt();
      },
    );
  }, [loaded, halt]);

  // While the replay plays the voices go with it, in step at its speed; when it stops, so do they.
  const following = useRef(false);
  const replayPlaying = follow?.playing ?? false;
  const replaySpeed = follow?.speed ?? 1;
  useEffect(() => {
    if (loaded.status !== 'ready') return;
    if (!replayPlaying) {
      if (following.current) halt();
      following.current = false;
      return;
    }
    following.current = true;
    for (const track of loaded.tracks) {
      const player = players.current.get(track.userId);
      if (!player) continue;
      const cue = followCue(track, at, player.currentTime, replaySpeed);
      if (!cue.play) {
        if (!player.paused) player.pause();
        continue;
      }
      player.playbackRate = cue.rate;
      if (cue.seekTo !== null) player.currentTime = cue.seekTo;
      if (player.paused) void player.play().catch(() => setBlocked(true));
    }
    setPlaying(true);
  }, [loaded, at, replayPlaying, replaySpeed, halt]);

  useEffect(() => {
    if (loaded.status !== 'ready' || !autoPlay || autoPlayed.current) return;
    autoPlayed.current = true;
    play();
  }, [loaded, autoPlay, play]);
  useEffect(() => halt, [halt]);

  if (loaded.status === 'none') return null;
  if (loaded.status === 'loading') {
    return (
      <p className="muted" role="status">
        Loading the recording…
      </p>
    );
  }
  if (loaded.status === 'closed') return <p className="muted">{loaded.reason}</p>;
  return (
    <section className={styles.playback} aria-label="The recording">
      <button type="button" className="button button--primary" onClick={playing ? halt : play}>
        {playing
          ? 'Pause the voices'
          : `Play the voices from ${formatOffset(Math.max(0, offsetMs - LEAD_IN_MS))}`}
      </button>
      {blocked && <span className="muted">Press play to hear the recording.</span>}
      <ul className={styles.tracks}>
        {loaded.tracks.map((track) => (
          <li key={track.userId}>
            {track.displayName}
            <audio
              ref={(player) => {
                if (player) players.current.set(track.userId, player);
                else players.current.delete(track.userId);
              }}
              src={track.url}
              preload="auto"
              data-user-id={track.userId}
              onEnded={() => {
                if ([...players.current.values()].every((player) => player.paused))
                  setPlaying(false);
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
