import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  UseGuards,
} from '@nestjs/common';
import type {
  CreateInviteBody,
  CreateSessionBody,
  Invite,
  InvitePreview,
  SessionListResponse,
  SessionSummary,
} from '@signal-room/protocol';
import {
  createInviteBodySchema,
  createSessionBodySchema,
  invitePreviewSchema,
  inviteSchema,
  sessionListResponseSchema,
  sessionSummarySchema,
} from '@signal-room/protocol';
import { z } from 'zod';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { AppException } from '../common/app-exception';
import { ZodPipe } from '../common/zod-body.pipe';
import { InvitesService } from './invites.service';
import { SessionsService } from './sessions.service';
import { Responds } from '../common/contract';

/** Ids in paths are UUIDs; anything else is a coded INVALID_PAYLOAD, not a database error. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => new AppException('INVALID_PAYLOAD', 'That id is not a valid UUID.'),
});

@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly invites: InvitesService,
  ) {}

  @Post('sessions')
  @Responds(sessionSummarySchema, 'Create a session; the creator is its interviewer')
  @UseGuards(AuthGuard)
  create(
    @CurrentUser() userId: string,
    @Body(new ZodPipe(createSessionBodySchema)) body: CreateSessionBody,
  ): Promise<SessionSummary> {
    return this.sessions.create(userId, body);
  }

  @Get('sessions')
  @Responds(
    sessionListResponseSchema,
    'My sessions in any role, newest first, with scores where visible',
  )
  @UseGuards(AuthGuard)
  async list(@CurrentUser() userId: string): Promise<SessionListResponse> {
    return { sessions: await this.sessions.list(userId) };
  }

  @Get('sessions/:id')
  @Responds(sessionSummarySchema, 'One session')
  @UseGuards(AuthGuard)
  get(@CurrentUser() userId: string, @Param('id', uuidParam) id: string): Promise<SessionSummary> {
    return this.sessions.summary(id, userId);
  }

  @Post('sessions/:id/invites')
  @Responds(inviteSchema, 'Make an invite link (interviewer); the token is shown once')
  @UseGuards(AuthGuard)
  createInvite(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(createInviteBodySchema)) body: CreateInviteBody,
  ): Promise<Invite> {
    return this.invites.create(id, userId, body);
  }

  @Get('sessions/:id/invites')
  @Responds(z.array(inviteSchema), 'The invite links of a session (interviewer)')
  @UseGuards(AuthGuard)
  listInvites(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<Invite[]> {
    return this.invites.list(id, userId);
  }

  @Delete('sessions/:id/invites/:inviteId')
  @Responds(inviteSchema, 'Revoke an invite link (interviewer)')
  @UseGuards(AuthGuard)
  revokeInvite(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Param('inviteId', uuidParam) inviteId: string,
  ): Promise<Invite> {
    return this.invites.revoke(id, inviteId, userId);
  }

  /** Public, so the join page can say what the link is for before anyone signs in. */
  @Get('invites/:token')
  @Responds(invitePreviewSchema, 'What an invite link leads to')
  preview(@Param('token') token: string): Promise<InvitePreview> {
    return this.invites.preview(token);
  }

  @Post('invites/:token/accept')
  @Responds(sessionSummarySchema, 'Join a session through an invite link')
  @UseGuards(AuthGuard)
  accept(@CurrentUser() userId: string, @Param('token') token: string): Promise<SessionSummary> {
    return this.invites.accept(token, userId);
  }
}
