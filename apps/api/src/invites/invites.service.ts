import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateInviteBody,
  Invite,
  InvitePreview,
  InviteStatus,
  SessionSummary,
} from '@signal-room/protocol';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import { AuthService } from '../auth/auth.service';
import { AppException } from '../common/app-exception';
import { hashLinkToken, newLinkToken } from '../common/link-tokens';
import type { AppConfig } from '../config';
import type { Member } from '../sessions/session-directory.service';
import { SessionDirectoryService } from '../sessions/session-directory.service';
import { MAX_PARTICIPANTS, SessionsService } from '../sessions/sessions.service';
import { InviteEntity } from './invite.entity';

/** Where a link stands, given everyone already in its session. */
function inviteStatusOf(
  invite: InviteEntity,
  members: readonly Member[],
  now: number,
): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt.getTime() <= now) return 'expired';
  if (invite.role === 'candidate' && members.some((member) => member.role === 'candidate')) {
    return 'taken';
  }
  if (members.length >= MAX_PARTICIPANTS) return 'full';
  return 'open';
}

@Injectable()
export class InvitesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly directory: SessionDirectoryService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async requireInterviewer(sessionId: string, userId: string): Promise<void> {
    const { role } = await this.sessions.membership(sessionId, userId);
    if (role !== 'interviewer') {
      throw new AppException('FORBIDDEN_ROLE', 'Only the interviewer manages invite links.');
    }
  }

  /** Links of one session as the interviewer sees them, each with who came in by it. */
  private async toInvites(sessionId: string, invites: readonly InviteEntity[]): Promise<Invite[]> {
    const members = await this.directory.members(sessionId);
    const names = await this.auth.displayNames(members.map((member) => member.userId));
    const now = Date.now();
    return invites.map((invite) => ({
      id: invite.id,
      sessionId: invite.sessionId,
      role: invite.role,
      token: null,
      url: null,
      status: inviteStatusOf(invite, members, now),
      createdAt: invite.createdAt.toISOString(),
      expiresAt: invite.expiresAt.toISOString(),
      revokedAt: invite.revokedAt?.toISOString() ?? null,
      usedBy: members
        .filter((member) => member.inviteId === invite.id)
        .map((member) => ({
          userId: member.userId,
          displayName: names.get(member.userId) ?? 'Unknown',
          role: member.role,
        })),
    }));
  }

  private async toInvite(invite: InviteEntity): Promise<Invite> {
    const [described] = await this.toInvites(invite.sessionId, [invite]);
    if (!described) throw new Error(`invite ${invite.id} was not described`);
    return described;
  }

  /** The token is shown once, at creation; only its hash is stored. */
  async create(sessionId: string, userId: string, body: CreateInviteBody): Promise<Invite> {
    await this.requireInterviewer(sessionId, userId);
    const token = newLinkToken();
    const invite = await this.dataSource.manager.save(InviteEntity, {
      sessionId,
      role: body.role,
      tokenHash: hashLinkToken(token),
      createdBy: userId,
      expiresAt: new Date(Date.now() + body.expiresInHours * 3_600_000),
      revokedAt: null,
    });
    return {
      ...(await this.toInvite(invite)),
      token,
      url: `${this.config.publicUrl}/join/${token}`,
    };
  }

  async list(sessionId: string, userId: string): Promise<Invite[]> {
    await this.requireInterviewer(sessionId, userId);
    const invites = await this.dataSource.manager.find(InviteEntity, {
      where: { sessionId },
      order: { createdAt: 'ASC' },
    });
    return this.toInvites(sessionId, invites);
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
    return this.toInvite(invite);
  }

  /** The link a token opens, whatever its status; a token no link has is refused. */
  private async byToken(token: string): Promise<InviteEntity> {
    const invite = await this.dataSource.manager.findOneBy(InviteEntity, {
      tokenHash: hashLinkToken(token),
    });
    if (!invite) {
      throw new AppException(
        'INVITE_INVALID',
        'No invite link has this address. Check that it was copied whole.',
      );
    }
    return invite;
  }

  /**
   * Answers every link that exists, with its status, so a page can say a link is used or dead
   * before anyone tries it; only a token that matches no link is refused.
   */
  async preview(token: string): Promise<InvitePreview> {
    const invite = await this.byToken(token);
    const [session, members, names] = await Promise.all([
      this.directory.heading(invite.sessionId),
      this.directory.members(invite.sessionId),
      this.auth.displayNames([invite.createdBy]),
    ]);
    const status = inviteStatusOf(invite, members, Date.now());
    return {
      sessionId: session.id,
      role: invite.role,
      roundType: session.roundType,
      promptTitle: status === 'open' ? session.promptTitle : null,
      invitedBy: names.get(invite.createdBy) ?? 'Unknown',
      status,
      createdAt: invite.createdAt.toISOString(),
      expiresAt: invite.expiresAt.toISOString(),
    };
  }

  /**
   * Joins the caller to the session with the link's role. Accepting twice is harmless; someone
   * already in the session keeps the role they have. A candidate link admits one candidate.
   */
  async accept(token: string, userId: string): Promise<SessionSummary> {
    const invite = await this.byToken(token);
    await this.directory.admit(invite.sessionId, async (members, manager) => {
      const status = inviteStatusOf(invite, members, Date.now());
      if (status === 'expired' || status === 'revoked') {
        throw new AppException(
          'INVITE_INVALID',
          'This invite link is not valid: it may have expired or been revoked.',
        );
      }
      if (members.some((member) => member.userId === userId)) return null;
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
      if (status === 'taken') {
        throw new AppException('INVITE_INVALID', 'This session already has its candidate.');
      }
      if (status === 'full') {
        throw new AppException('ROOM_FULL', `A session holds ${MAX_PARTICIPANTS} people at most.`);
      }
      return { userId, role: invite.role, inviteId: invite.id };
    });
    return this.sessions.summary(invite.sessionId, userId);
  }
}
