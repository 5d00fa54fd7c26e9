import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import type { DrillResult, DrillResultList, DrillSubmission } from '@signal-room/protocol';
import {
  drillResultBodySchema,
  drillResultListSchema,
  drillResultSchema,
  drillSubmissionSchema,
  exerciseDrillIdSchema,
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
