import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import type {
  CreateInviteBody,
  Invite,
  InvitePreview,
  SessionSummary,
} from '@signal-room/protocol';
import {
  createInviteBodySchema,
  invitePreviewSchema,
  inviteSchema,
  sessionSummarySchema,
} from '@signal-room/protocol';
import { z } from 'zod';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { Responds } from '../common/contract';
import { uuidParam } from '../common/uuid-param.pipe';
import { ZodPipe } from '../common/zod-body.pipe';
import { InvitesService } from './invites.service';

@Controller()
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Post('sessions/:id/invites')
  @Responds(inviteSchema, 'Make an invite link (interviewer); the token is shown once')
  @UseGuards(AuthGuard)
  create(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(createInviteBodySchema)) body: CreateInviteBody,
  ): Promise<Invite> {
    return this.invites.create(id, userId, body);
  }

  @Get('sessions/:id/invites')
  @Responds(z.array(inviteSchema), 'The invite links of a session (interviewer)')
  @UseGuards(AuthGuard)
  list(@CurrentUser() userId: string, @Param('id', uuidParam) id: string): Promise<Invite[]> {
    return this.invites.list(id, userId);
  }

  @Delete('sessions/:id/invites/:inviteId')
  @Responds(inviteSchema, 'Revoke an invite link (interviewer)')
  @UseGuards(AuthGuard)
  revoke(
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
