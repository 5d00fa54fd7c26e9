import type { RoomEventBody } from './events';
import { eventBody } from './events';
import type { Participant, RoomState } from './state';

/**
 * Whether people coming and going are still part of the round's record. Once it has ended,
 * people come back only to read it: a revisit says nothing about the round, and recording each
 * one filled its timeline with every look at the scorecard or the feedback.
 */
export const recordsPresence = (state: RoomState): boolean => state.status !== 'ended';

/**
 * Whether a person entering the room is recorded: not when they are shown here already, nor once
 * the round is over. A first entry after the end still is: being one of the room's participants
 * is what has its later changes (a release, a self-assessment) sent to them.
 */
export function recordsArrival(state: RoomState, userId: string): boolean {
  const known = state.participants[userId];
  return !known || (!known.online && recordsPresence(state));
}

/** What a person entering the room records: their arrival, if it is recorded at all. */
export function arrival(state: RoomState, person: Omit<Participant, 'online'>): RoomEventBody[] {
  return recordsArrival(state, person.userId)
    ? [eventBody('participant.joined', { ...person })]
    : [];
}

/** What a person's last socket leaving records: nothing once the round is over. */
export function departure(state: RoomState, userId: string): RoomEventBody[] {
  if (!recordsPresence(state) || !state.participants[userId]?.online) return [];
  return [eventBody('participant.left', { userId })];
}

/**
 * An ended room as its viewers see it, with who has it open now (told by the server from its
 * sockets) in place of the online marks the log stopped keeping at the end. A live room's record
 * is current, so it stands as it is.
 */
export function withOnline(state: RoomState, online: ReadonlySet<string>): RoomState {
  if (recordsPresence(state)) return state;
  const participants = Object.fromEntries(
    Object.entries(state.participants).map(([userId, person]) => [
      userId,
      person.online === online.has(userId) ? person : { ...person, online: online.has(userId) },
    ]),
  );
  return { ...state, participants };
}
