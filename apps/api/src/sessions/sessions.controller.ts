import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import type { CreateSessionBody, SessionListResponse, SessionSummary } from '@signal-room/protocol';
import {
  createSessionBodySchema,
  sessionListResponseSchema,
  sessionSummarySchema,
} from '@signal-room/protocol';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { uuidParam } from '../common/uuid-param.pipe';
import { ZodPipe } from '../common/zod-body.pipe';
import { SessionsService } from './sessions.service';
import { Responds } from '../common/contract';

@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

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
}
