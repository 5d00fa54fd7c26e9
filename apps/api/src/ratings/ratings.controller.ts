import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import type { InterviewerProfile } from '@signal-room/domain';
import type { Rating, RatingBody, RatingResponse } from '@signal-room/protocol';
import {
  interviewerProfileSchema,
  ratingBodySchema,
  ratingResponseSchema,
  ratingSchema,
} from '@signal-room/protocol';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { RatingsService } from './ratings.service';
import { Responds } from '../common/contract';

@Controller()
@UseGuards(AuthGuard)
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Get('sessions/:id/rating')
  @Responds(
    ratingResponseSchema,
    "The candidate's rating of the feedback (the candidate once released; the interviewer)",
  )
  read(@CurrentUser() userId: string, @Param('id', uuidParam) id: string): Promise<RatingResponse> {
    return this.ratings.read(id, userId);
  }

  @Put('sessions/:id/rating')
  @Responds(
    ratingSchema,
    'Rate released feedback (candidate): per scored signal, backed or not, and a comment',
  )
  write(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(ratingBodySchema)) body: RatingBody,
  ): Promise<Rating> {
    return this.ratings.write(id, userId, body);
  }

  /** Only ever the caller's own profile: nobody reads another interviewer's through the API. */
  @Get('me/interviewer-profile')
  @Responds(
    interviewerProfileSchema,
    'My profile as an interviewer: unbacked scores, calibration, lean per signal',
  )
  profile(@CurrentUser() userId: string): Promise<InterviewerProfile> {
    return this.ratings.profileOf(userId);
  }
}
