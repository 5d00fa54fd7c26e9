import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { roomStateSchema } from '@signal-room/protocol';
import type { RoomState } from '@signal-room/domain';
import { viewFor } from '@signal-room/domain';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { SessionsService } from '../sessions/sessions.service';
import { uuidParam } from '../common/uuid-param.pipe';
import { RoomsService } from './rooms.service';
import { Responds } from '../common/contract';

@Controller('sessions/:id')
@UseGuards(AuthGuard)
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly sessions: SessionsService,
  ) {}

  /** The room as the caller may see it now, without a socket. */
  @Get('room')
  @Responds(roomStateSchema, 'The room as the caller may see it now')
  async room(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<RoomState> {
    const { role } = await this.sessions.membership(id, userId);
    const state = await this.rooms.current(id);
    return viewFor(state, { userId, role });
  }
}
