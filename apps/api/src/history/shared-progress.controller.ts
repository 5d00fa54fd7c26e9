import { Controller, Get, Param } from '@nestjs/common';
import type { SharedProgressResponse } from '@signal-room/protocol';
import { ProgressSharesService } from './progress-shares.service';

/** Public: the link is the permission, so whoever holds it reads without signing in. */
@Controller('progress')
export class SharedProgressController {
  constructor(private readonly shares: ProgressSharesService) {}

  @Get(':shareToken')
  read(@Param('shareToken') token: string): Promise<SharedProgressResponse> {
    return this.shares.shared(token);
  }
}
