import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import type { InterviewerProfile } from '@signal-room/domain';
import type { Rating, RatingBody, RatingResponse } from '@signal-room/protocol';
import { ratingBodySchema } from '@signal-room/protocol';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { RatingsService } from './ratings.service';

@Controller()
@UseGuards(AuthGuard)
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Get('sessions/:id/rating')
  read(@CurrentUser() userId: string, @Param('id', uuidParam) id: string): Promise<RatingResponse> {
    return this.ratings.read(id, userId);
  }

  @Put('sessions/:id/rating')
  write(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(ratingBodySchema)) body: RatingBody,
  ): Promise<Rating> {
    return this.ratings.write(id, userId, body);
  }

  /** Only ever the caller's own profile: nobody reads another interviewer's through the API. */
  @Get('me/interviewer-profile')
  profile(@CurrentUser() userId: string): Promise<InterviewerProfile> {
    return this.ratings.profileOf(userId);
  }
}
