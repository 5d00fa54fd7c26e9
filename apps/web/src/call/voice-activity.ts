import type { SpeechSpan } from '@signal-room/protocol';

/** Louder than this (RMS, dBFS) counts as voice; room noise and a fan sit well below it. */
export const SPEAKING_DB = -50;
/** Voice this long starts a span: a cough or a click does not. */
export const ONSET_MS = 150;
/** Quiet this long ends a span: the gaps between words do not. */
export const HANGOVER_MS = 600;

/**
 * Voice activity from a stream of loudness readings: a span starts once the level has stayed
 * above SPEAKING_DB for ONSET_MS and ends once it has stayed below for HANGOVER_MS, dated from
 * the first loud and the last loud reading. Pure, so the rule is tested without a microphone.
 */
export class VoiceActivity {
  private loudSince: number | null = null;
  private lastLoud: number | null = null;
  private speakingSince: number | null = null;

  get speaking(): boolean {
    return this.speakingSince !== null;
  }

  /** Takes one reading; answers the span it ended, if any. */
  feed(levelDb: number, at: number): SpeechSpan | null {
    const loud = levelDb >= SPEAKING_DB;
    if (loud) {
      this.lastLoud = at;
      this.loudSince ??= at;
      if (this.speakingSince === null && at - this.loudSince >= ONSET_MS) {
        this.speakingSince = this.loudSince;
      }
      return null;
    }
    this.loudSince = null;
    if (
      this.speakingSince !== null &&
      this.lastLoud !== null &&
      at - this.lastLoud >= HANGOVER_MS
    ) {
      return this.end();
    }
    return null;
  }

  /** Ends a span in progress (the microphone muted, the call left). */
  stop(): SpeechSpan | null {
    this.loudSince = null;
    return this.speakingSince === null ? null : this.end();
  }

  private end(): SpeechSpan | null {
    const span =
      this.speakingSince !== null && this.lastLoud !== null && this.lastLoud > this.speakingSince
        ? { startAt: Math.round(this.speakingSince), endAt: Math.round(this.lastLoud) }
        : null;
    this.speakingSince = null;
    return span;
  }
}

/** How often the microphone's loudness is read. */
const READ_MS = 50;

/** RMS loudness of the analyser's current window, in dBFS. */
function levelOf(analyser: AnalyserNode, samples: Float32Array<ArrayBuffer>): number {
  analyser.getFloatTimeDomainData(samples);
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
}

/**
 * Measures one microphone in the browser (Web Audio, nothing leaves the tab but the spans):
 * tells `onSpeaking` when speech starts and stops, and `onSpan` each span as it ends, dated on
 * `now` (the room's server clock). Answers a stop function, which ends a span in progress.
 */
export function meterVoice(
  stream: MediaStream,
  now: () => number,
  onSpan: (span: SpeechSpan) => void,
  onSpeaking: (speaking: boolean) => void,
): () => void {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const activity = new VoiceActivity();
  let speaking = false;
  const timer = setInterval(() => {
    const track = stream.getAudioTracks()[0];
    // A muted microphone is silence, whatever the analyser still holds.
    const level = track?.enabled ? levelOf(analyser, samples) : -Infinity;
    const span = activity.feed(level, now());
    if (span) onSpan(span);
    if (activity.speaking !== speaking) {
      speaking = activity.speaking;
      onSpeaking(speaking);
    }
  }, READ_MS);
  return () => {
    clearInterval(timer);
    const span = activity.stop();
    if (span) onSpan(span);
    if (speaking) onSpeaking(false);
    source.disconnect();
    void context.close();
  };
}
