import type { Role, RoundTypeId } from '@signal-room/domain';
import type { CatalogResponse } from '@signal-room/protocol';

/** What each role does in the room, in a sentence. */
export const ROLE_DUTIES: Record<Role, string> = {
  interviewer: 'You run the round: reveal the prompt and hints, keep time and record evidence.',
  candidate:
    'You answer the prompt. Think out loud: reasoning you keep to yourself scores as absent.',
  observer:
    'You watch the round and score it privately, then compare your scores with the interviewer’s.',
};

export type RoundNames = Partial<Record<RoundTypeId, string>>;

export function roundNamesOf(catalog: CatalogResponse | null): RoundNames {
  return Object.fromEntries(catalog?.roundTypes.map((round) => [round.id, round.name]) ?? []);
}

/** The round's name from the catalogue, or its id made readable when the catalogue is missing. */
export function roundName(names: RoundNames, id: RoundTypeId): string {
  const name = names[id];
  if (name) return name;
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
