import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { RoomsController } from './rooms.controller';
import { RoomBroadcaster } from './room-broadcaster';
import { RoomLog } from './room-log.repository';
import { RoomWriter } from './room-writer';
import { RoomsGateway } from './rooms.gateway';
import { RoomsScheduler } from './rooms.scheduler';
import { RoomsService } from './rooms.service';

@Module({
  imports: [SessionsModule],
  controllers: [RoomsController],
  providers: [RoomsService, RoomWriter, RoomLog, RoomBroadcaster, RoomsGateway, RoomsScheduler],
  exports: [RoomsService, RoomsGateway],
})
export class RoomsModule {}
