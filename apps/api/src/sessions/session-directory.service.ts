import { Injectable } from '@nestjs/common';
import type { Role, RoundTypeId } from '@signal-room/domain';
import type { EntityManager } from 'typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { ParticipantEntity } from './participant.entity';
import { SessionEntity } from './session.entity';

/** One person's place in a session. */
export interface Member {
  userId: string;
  role: Role;
  /** The invite link they came in by; null for the session's interviewer. */
  inviteId: string | null;
}

/** What a session is, told to someone who may not be in it (an invite link's preview). */
export interface SessionHeading {
  id: string;
  roundType: RoundTypeId;
  promptTitle: string | null;
}

export interface EndedSession {
  id: string;
  roundType: RoundTypeId;
  createdAt: Date;
  endedAt: Date;
}

const toMember = ({ userId, role, inviteId }: ParticipantEntity): Member => ({
  userId,
  role,
  inviteId,
});

/**
 * The sessions and memberships other features look up (invites, history, ratings), so that the
 * session tables are read and written only here and in the sessions and rooms services.
 */
@Injectable()
export class SessionDirectoryService {
  constructor(private readonly dataSource: DataSource) {}

  async heading(sessionId: string): Promise<SessionHeading> {
    const session = await this.dataSource.manager.findOneByOrFail(SessionEntity, {
      id: sessionId,
    });
    return {
      id: session.id,
      roundType: session.roundType,
      promptTitle: session.prompt?.title ?? null,
    };
  }

  async members(sessionId: string): Promise<Member[]> {
    const rows = await this.dataSource.manager.findBy(ParticipantEntity, { sessionId });
    return rows.map(toMember);
  }

  /** The ended sessions `userId` took part in with `role`. */
  async endedAs(userId: string, role: Role): Promise<EndedSession[]> {
    const manager = this.dataSource.manager;
    const mine = await manager.findBy(ParticipantEntity, { userId, role });
    if (mine.length === 0) return [];
    const sessions = await manager.findBy(SessionEntity, {
      id: In(mine.map((participant) => participant.sessionId)),
      endedAt: Not(IsNull()),
    });
    return sessions.flatMap(({ id, roundType, createdAt, endedAt }) =>
      endedAt ? [{ id, roundType, createdAt, endedAt }] : [],
    );
  }

  /**
   * Adds the one member `choose` names, with the session's row locked, so that rules over who is
   * already in (a size cap, one candidate) hold under concurrent joins. `choose` sees the members
   * under that lock; it refuses by throwing and adds no one by answering null.
   */
  async admit(
    sessionId: string,
    choose: (members: readonly Member[], manager: EntityManager) => Promise<Member | null>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder(SessionEntity, 'session')
        .setLock('pessimistic_write')
        .where('session.id = :id', { id: sessionId })
        .getOneOrFail();
      const members = await manager.findBy(ParticipantEntity, { sessionId });
      const member = await choose(members.map(toMember), manager);
      if (member) await manager.insert(ParticipantEntity, { sessionId, ...member });
    });
  }
}
