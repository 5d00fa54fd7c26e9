import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import type {
  DrillResult,
  DrillResultList,
  DrillRoomBody,
  DrillSubmission,
  SessionSummary,
} from '@signal-room/protocol';
import {
  drillRoomBodySchema,
  drillResultBodySchema,
  drillResultListSchema,
  drillResultSchema,
  drillSubmissionSchema,
  exerciseDrillIdSchema,
  sessionSummarySchema,
} from '@signal-room/protocol';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { DrillsService } from './drills.service';
import { Responds } from '../common/contract';

const submission = new ZodPipe(drillSubmissionSchema);

@Controller('drills')
@UseGuards(AuthGuard)
export class DrillsController {
  constructor(private readonly drills: DrillsService) {}

  /** The path names the drill; the body is checked against that drill's schema. */
  @Post(':drillId/results')
  @Responds(
    drillResultSchema,
    'Save what I wrote in a drill; the body is the payload of the drill in the path',
    { body: drillResultBodySchema },
  )
  save(
    @CurrentUser() userId: string,
    @Param('drillId', new ZodPipe(exerciseDrillIdSchema)) drillId: DrillSubmission['drill'],
    @Body() body: unknown,
  ): Promise<DrillResult> {
    return this.drills.save(userId, submission.transform({ drill: drillId, payload: body }));
  }

  @Post(':drillId/rooms')
  @Responds(
    sessionSummarySchema,
    'Host the drill as a short room and score the one signal named; invite the partner doing it',
  )
  openRoom(
    @CurrentUser() userId: string,
    @Param('drillId', new ZodPipe(exerciseDrillIdSchema)) drillId: DrillSubmission['drill'],
    @Body(new ZodPipe(drillRoomBodySchema)) body: DrillRoomBody,
  ): Promise<SessionSummary> {
    return this.drills.openRoom(userId, drillId, body.signal);
  }

  @Get('results')
  @Responds(drillResultListSchema, 'My drill results, newest first')
  async list(@CurrentUser() userId: string): Promise<DrillResultList> {
    return { results: await this.drills.list(userId) };
  }

  @Get('results/:id')
  @Responds(drillResultSchema, 'One of my drill results')
  get(@CurrentUser() userId: string, @Param('id', uuidParam) id: string): Promise<DrillResult> {
    return this.drills.get(id, userId);
  }
}
