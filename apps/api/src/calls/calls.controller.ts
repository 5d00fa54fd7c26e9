import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import type { IceServers } from '@signal-room/protocol';
import { iceServersSchema } from '@signal-room/protocol';
import { APP_CONFIG } from '../app.tokens';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { Responds } from '../common/contract';
import type { AppConfig } from '../config';
import { iceServersFor } from './ice-servers';

@Controller()
@UseGuards(AuthGuard)
export class CallsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('calls/ice-servers')
  @Responds(
    iceServersSchema,
    'The STUN and TURN servers a call may use, TURN with credentials that expire',
  )
  iceServers(@CurrentUser() userId: string): IceServers {
    return iceServersFor(this.config.ice, userId, Date.now());
  }
}
