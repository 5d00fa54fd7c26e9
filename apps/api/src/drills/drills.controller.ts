import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import type { DrillResult, DrillResultList, DrillSubmission } from '@signal-room/protocol';
import { drillSubmissionSchema, exerciseDrillIdSchema } from '@signal-room/protocol';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { DrillsService } from './drills.service';

const submission = new ZodPipe(drillSubmissionSchema);

@Controller('drills')
@UseGuards(AuthGuard)
export class DrillsController {
  constructor(private readonly drills: DrillsService) {}

  /** The path names the drill; the body is checked against that drill's schema. */
  @Post(':drillId/results')
  save(
    @CurrentUser() userId: string,
    @Param('drillId', new ZodPipe(exerciseDrillIdSchema)) drillId: DrillSubmission['drill'],
    @Body() body: unknown,
  ): Promise<DrillResult> {
    return this.drills.save(userId, submission.transform({ drill: drillId, payload: body }));
  }

  @Get('results')
  async list(@CurrentUser() userId: string): Promise<DrillResultList> {
    return { results: await this.drills.list(userId) };
  }

  @Get('results/:id')
  get(@CurrentUser() userId: string, @Param('id', uuidParam) id: string): Promise<DrillResult> {
    return this.drills.get(id, userId);
  }
}
