import { Module } from '@nestjs/common';
import { RoomsModule } from '../rooms/rooms.module';
import { CallsController } from './calls.controller';
import { CallsGateway } from './calls.gateway';
import { CallsService } from './calls.service';

/**
 * The room's call: WebRTC signalling and speaking spans, a channel of the room's socket wired on
 * by the rooms gateway, and the ICE servers over REST. Media never passes through the server.
 */
@Module({
  imports: [RoomsModule],
  controllers: [CallsController],
  providers: [CallsService, CallsGateway],
  exports: [CallsService],
})
export class CallsModule {}
