import { drillById, signalById } from './catalog';
import type { ExerciseDrillId, RoundTypeId, SignalId } from './model';
import type { RoomPrompt } from './room/state';
import { ROUND_TYPES } from './round-types';

/** What a drill run as a short room with a partner is created with. */
export interface DrillRoom {
  roundType: RoundTypeId;
  durationMinutes: number;
  prompt: RoomPrompt;
}

/**
 * A drill as a short room: the drill's own length, its exercise as the prompt, and the one
 * signal the partner scores as the prompt's only sampled signal, in the first round type that
 * makes it primary, so the room's layers and the reading treat it as the point of the round.
 * Null for a signal the drill does not target (every signal is primary in some round type).
 */
export function drillRoom(drillId: ExerciseDrillId, signal: SignalId): DrillRoom | null {
  const drill = drillById(drillId);
  const round = ROUND_TYPES.find((type) => type.primary.includes(signal));
  if (!drill.signals.includes(signal) || !round) return null;
  const { name } = signalById(signal);
  return {
    roundType: round.id,
    durationMinutes: drill.minutes,
    prompt: {
      promptId: null,
      title: `${drill.name}, scored on ${name}`,
      body: [
        drill.description,
        drill.steps.map((step, index) => `${index + 1}. ${step}`).join('\n'),
        `Your partner scores one signal, ${name}, and notes the moments that show it.`,
      ].join('\n\n'),
      hints: [],
      followUps: [],
      signals: [signal],
      guide: null,
    },
  };
}
