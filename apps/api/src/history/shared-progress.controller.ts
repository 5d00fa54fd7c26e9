import { Controller, Get, Param } from '@nestjs/common';
import type { SharedProgressResponse } from '@signal-room/protocol';
import { sharedProgressResponseSchema } from '@signal-room/protocol';
import { ProgressSharesService } from './progress-shares.service';
import { Responds } from '../common/contract';

/** Public: the link is the permission, so whoever holds it reads without signing in. */
@Controller('progress')
export class SharedProgressController {
  constructor(private readonly shares: ProgressSharesService) {}

  @Get(':shareToken')
  @Responds(
    sharedProgressResponseSchema,
    'Progress through a share link: released scores and hidden signals only',
  )
  read(@Param('shareToken') token: string): Promise<SharedProgressResponse> {
    return this.shares.shared(token);
  }
}
