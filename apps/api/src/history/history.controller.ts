import { Controller, Delete, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import type { LoopSummary } from '@signal-room/domain';
import type {
  NextMockResponse,
  ProgressResponse,
  ProgressShare,
  TimelineResponse,
  TrendsResponse,
} from '@signal-room/protocol';
import {
  loopQuerySchema,
  loopSummarySchema,
  nextMockResponseSchema,
  progressResponseSchema,
  progressShareSchema,
  timelineResponseSchema,
  trendsResponseSchema,
} from '@signal-room/protocol';
import { z } from 'zod';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { HistoryService } from './history.service';
import { ProgressSharesService } from './progress-shares.service';
import { Responds } from '../common/contract';

@Controller()
@UseGuards(AuthGuard)
export class HistoryController {
  constructor(
    private readonly history: HistoryService,
    private readonly shares: ProgressSharesService,
  ) {}

  @Get('sessions/:id/timeline')
  @Responds(
    timelineResponseSchema,
    'The room before its first event and the events the caller may read, oldest first',
  )
  timeline(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<TimelineResponse> {
    return this.history.timeline(id, userId);
  }

  @Get('history/trends')
  @Responds(trendsResponseSchema, 'My scores as a candidate per signal over time')
  trends(@CurrentUser() userId: string): Promise<TrendsResponse> {
    return this.history.trends(userId);
  }

  @Get('history/progress')
  @Responds(
    progressResponseSchema,
    'My progress as a candidate: the trends and the hidden signals round by round',
  )
  progress(@CurrentUser() userId: string): Promise<ProgressResponse> {
    return this.history.progress(userId);
  }

  @Post('history/progress/shares')
  @Responds(progressShareSchema, 'Make a read-only link to my progress; the token is shown once')
  share(@CurrentUser() userId: string): Promise<ProgressShare> {
    return this.shares.create(userId);
  }

  @Get('history/progress/shares')
  @Responds(z.array(progressShareSchema), 'My progress share links')
  listShares(@CurrentUser() userId: string): Promise<ProgressShare[]> {
    return this.shares.list(userId);
  }

  @Delete('history/progress/shares/:shareId')
  @Responds(progressShareSchema, 'Revoke a progress share link: it then answers 410 SHARE_REVOKED')
  revokeShare(
    @CurrentUser() userId: string,
    @Param('shareId', uuidParam) shareId: string,
  ): Promise<ProgressShare> {
    return this.shares.revoke(userId, shareId);
  }

  @Get('history/next-mock')
  @Responds(
    nextMockResponseSchema,
    'My next round, aimed at my weakest released signals, with a prompt new to me',
  )
  nextMock(@CurrentUser() userId: string): Promise<NextMockResponse> {
    return this.history.nextMock(userId);
  }

  @Get('history/loop')
  @Responds(loopSummarySchema, 'Several rounds read as one loop, with travelling red flags')
  loop(
    @CurrentUser() userId: string,
    @Query(new ZodPipe(loopQuerySchema)) query: z.infer<typeof loopQuerySchema>,
  ): Promise<LoopSummary> {
    return this.history.loop(query.sessionIds, userId);
  }
}
