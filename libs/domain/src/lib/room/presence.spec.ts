import { arrival, departure, recordsPresence, withOnline } from './presence';
import {
  CANDIDATE,
  commit,
  endedRoom,
  INTERVIEWER,
  liveRoom,
  newRoom,
  OBSERVER,
  T0,
} from './room-fixtures';

const person = (userId: string, role = CANDIDATE.role) => ({ userId, displayName: userId, role });

describe('presence', () => {
  it('is recorded until the round ends', () => {
    expect(recordsPresence(newRoom())).toBe(true);
    expect(recordsPresence(liveRoom())).toBe(true);
    expect(recordsPresence(endedRoom())).toBe(false);
  });

  describe('before the end', () => {
    it('records an arrival once and a departure once', () => {
      const room = newRoom();
      const [joined] = arrival(room, person(CANDIDATE.userId));
      expect(joined).toEqual({ type: 'participant.joined', payload: person(CANDIDATE.userId) });
      const here = commit(room, arrival(room, person(CANDIDATE.userId)), CANDIDATE.userId, T0);
      expect(arrival(here, person(CANDIDATE.userId))).toEqual([]);

      expect(departure(here, CANDIDATE.userId)).toEqual([
        { type: 'participant.left', payload: { userId: CANDIDATE.userId } },
      ]);
      const gone = commit(here, departure(here, CANDIDATE.userId), CANDIDATE.userId, T0);
      expect(departure(gone, CANDIDATE.userId)).toEqual([]);
      expect(arrival(gone, person(CANDIDATE.userId))).toHaveLength(1);
    });

    it('records nobody leaving who was never here', () => {
      expect(departure(newRoom(), 'stranger')).toEqual([]);
    });
  });

  describe('after the end', () => {
    it('records no revisit: neither leaving nor coming back', () => {
      const ended = endedRoom();
      expect(departure(ended, CANDIDATE.userId)).toEqual([]);
      const away = {
        ...ended,
        participants: {
          ...ended.participants,
          [CANDIDATE.userId]: { ...person(CANDIDATE.userId), online: false },
        },
      };
      expect(arrival(away, person(CANDIDATE.userId))).toEqual([]);
    });

    it('still records a first entry, which makes them a participant the room sends to', () => {
      const ended = endedRoom();
      expect(arrival(ended, person('late-observer', OBSERVER.role))).toHaveLength(1);
    });
  });

  describe('who is online in an ended room', () => {
    it('is who has it open now, not who the log last saw', () => {
      const ended = endedRoom();
      const seen = withOnline(ended, new Set([CANDIDATE.userId]));
      expect(seen.participants[CANDIDATE.userId]?.online).toBe(true);
      expect(seen.participants[INTERVIEWER.userId]?.online).toBe(false);
      expect(seen.participants[OBSERVER.userId]?.online).toBe(false);
      expect(seen.participants['late-observer']).toBeUndefined();
    });

    it('leaves a live room as its log records it', () => {
      const live = liveRoom();
      expect(withOnline(live, new Set())).toBe(live);
    });
  });
});
