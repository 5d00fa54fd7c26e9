import { Controller, Delete, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import type { LoopSummary } from '@signal-room/domain';
import type {
  NextMockResponse,
  ProgressResponse,
  ProgressShare,
  TimelineResponse,
  TrendsResponse,
} from '@signal-room/protocol';
import { loopQuerySchema } from '@signal-room/protocol';
import type { z } from 'zod';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { HistoryService } from './history.service';
import { ProgressSharesService } from './progress-shares.service';

@Controller()
@UseGuards(AuthGuard)
export class HistoryController {
  constructor(
    private readonly history: HistoryService,
    private readonly shares: ProgressSharesService,
  ) {}

  @Get('sessions/:id/timeline')
  timeline(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<TimelineResponse> {
    return this.history.timeline(id, userId);
  }

  @Get('history/trends')
  trends(@CurrentUser() userId: string): Promise<TrendsResponse> {
    return this.history.trends(userId);
  }

  @Get('history/progress')
  progress(@CurrentUser() userId: string): Promise<ProgressResponse> {
    return this.history.progress(userId);
  }

  @Post('history/progress/shares')
  share(@CurrentUser() userId: string): Promise<ProgressShare> {
    return this.shares.create(userId);
  }

  @Get('history/progress/shares')
  listShares(@CurrentUser() userId: string): Promise<ProgressShare[]> {
    return this.shares.list(userId);
  }

  @Delete('history/progress/shares/:shareId')
  revokeShare(
    @CurrentUser() userId: string,
    @Param('shareId', uuidParam) shareId: string,
  ): Promise<ProgressShare> {
    return this.shares.revoke(userId, shareId);
  }

  @Get('history/next-mock')
  nextMock(@CurrentUser() userId: string): Promise<NextMockResponse> {
    return this.history.nextMock(userId);
  }

  @Get('history/loop')
  loop(
    @CurrentUser() userId: string,
    @Query(new ZodPipe(loopQuerySchema)) query: z.infer<typeof loopQuerySchema>,
  ): Promise<LoopSummary> {
    return this.history.loop(query.sessionIds, userId);
  }
}
