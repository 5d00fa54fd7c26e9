import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateInviteBody,
  Invite,
  InvitePreview,
  SessionSummary,
} from '@signal-room/protocol';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import { AppException } from '../common/app-exception';
import type { AppConfig } from '../config';
import { InviteEntity } from './invite.entity';
import { ParticipantEntity } from './participant.entity';
import { SessionEntity } from './session.entity';
import { MAX_PARTICIPANTS, SessionsService } from './sessions.service';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

@Injectable()
export class InvitesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async requireInterviewer(sessionId: string, userId: string): Promise<void> {
    const { role } = await this.sessions.membership(sessionId, userId);
    if (role !== 'interviewer') {
      throw new AppException('FORBIDDEN_ROLE', 'Only the interviewer manages invite links.');
    }
  }

  private async toInvite(entity: InviteEntity, token: string | null): Promise<Invite> {
    const used = await this.dataSource.manager.findBy(ParticipantEntity, { inviteId: entity.id });
    return {
      id: entity.id,
      sessionId: entity.sessionId,
      role: entity.role,
      token,
      url: token ? `${this.config.publicUrl}/join/${token}` : null,
      expiresAt: entity.expiresAt.toISOString(),
      revokedAt: entity.revokedAt?.toISOString() ?? null,
      usedBy: used.map((participant) => participant.userId),
    };
  }

  /** The token is shown once, at creation; only its hash is stored. */
  async create(sessionId: string, userId: string, body: CreateInviteBody): Promise<Invite> {
    await this.requireInterviewer(sessionId, userId);
    const token = randomBytes(32).toString('base64url');
    const invite = await this.dataSource.manager.save(InviteEntity, {
      sessionId,
      role: body.role,
      tokenHash: hashToken(token),
      createdBy: userId,
      expiresAt: new Date(Date.now() + body.expiresInHours * 3_600_000),
      revokedAt: null,
    });
    return this.toInvite(invite, token);
  }

  async list(sessionId: string, userId: string): Promise<Invite[]> {
    await this.requireInterviewer(sessionId, userId);
    const invites = await this.dataSource.manager.find(InviteEntity, {
      where: { sessionId },
      order: { createdAt: 'ASC' },
    });
    return Promise.all(invites.map((invite) => this.toInvite(invite, null)));
  }

  async revoke(sessionId: string, inviteId: string, userId: string): Promise<Invite> {
    await this.requireInterviewer(sessionId, userId);
    const invite = await this.dataSource.manager.findOneBy(InviteEntity, {
      id: inviteId,
      sessionId,
    });
    if (!invite) throw new AppException('NOT_FOUND', 'No such invite link in this session.');
    invite.revokedAt ??= new Date();
    await this.dataSource.manager.save(invite);
    return this.toInvite(invite, null);
  }

  private async usable(token: string): Promise<InviteEntity> {
    const invite = await this.dataSource.manager.findOneBy(InviteEntity, {
      tokenHash: hashToken(token),
      revokedAt: IsNull(),
    });
    if (!invite || invite.expiresAt.getTime() <= Date.now()) {
      throw new AppException(
        'INVITE_INVALID',
        'This invite link is not valid: it may have expired or been revoked.',
      );
    }
    return invite;
  }

  async preview(token: string): Promise<InvitePreview> {
    const invite = await this.usable(token);
    const session = await this.dataSource.manager.findOneByOrFail(SessionEntity, {
      id: invite.sessionId,
    });
    return {
      sessionId: session.id,
      role: invite.role,
      roundType: session.roundType,
      expiresAt: invite.expiresAt.toISOString(),
    };
  }

  /**
   * Joins the caller to the session with the link's role. Accepting twice is harmless; someone
   * already in the session keeps the role they have. A candidate link admits one candidate.
   */
  async accept(token: string, userId: string): Promise<SessionSummary> {
    const invite = await this.usable(token);
    await this.dataSource.transaction(async (manager) => {
      // Serialise joins per session, so the size cap and the one-candidate rule hold under races.
      await manager
        .createQueryBuilder(SessionEntity, 'session')
        .setLock('pessimistic_write')
        .where('session.id = :id', { id: invite.sessionId })
        .getOneOrFail();
      const members = await manager.findBy(ParticipantEntity, { sessionId: invite.sessionId });
      if (members.some((member) => member.userId === userId)) return;
      // Removed by the interviewer after this link was made: the link does not bring them
      // back; a link made after the removal does.
      const removed = await manager.query<unknown[]>(
        `SELECT 1 FROM session_events
         WHERE session_id = $1 AND type = 'participant.removed' AND payload->>'userId' = $2
           AND at >= $3
         LIMIT 1`,
        [invite.sessionId, userId, invite.createdAt],
      );
      if (removed.length > 0) {
        throw new AppException(
          'INVITE_INVALID',
          'The interviewer removed you from this session; ask them for a new link.',
        );
      }
      if (invite.role === 'candidate' && members.some((member) => member.role === 'candidate')) {
        throw new AppException('INVITE_INVALID', 'This session already has its candidate.');
      }
      if (members.length >= MAX_PARTICIPANTS) {
        throw new AppException('ROOM_FULL', `A session holds ${MAX_PARTICIPANTS} people at most.`);
      }
      await manager.insert(ParticipantEntity, {
        sessionId: invite.sessionId,
        userId,
        role: invite.role,
        inviteId: invite.id,
      });
    });
    return this.sessions.summary(invite.sessionId, userId);
  }
}
