import { Module } from '@nestjs/common';
import { InvitesService } from './invites.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [SessionsController],
  providers: [SessionsService, InvitesService],
  exports: [SessionsService],
})
export class SessionsModule {}
