import { Module } from '@nestjs/common';
import { RoomsModule } from '../rooms/rooms.module';
import { SessionsModule } from '../sessions/sessions.module';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';

/** Consented recordings of the room's voices: uploaded in chunks, heard as the feedback allows. */
@Module({
  imports: [RoomsModule, SessionsModule],
  controllers: [RecordingsController],
  providers: [RecordingsService],
})
export class RecordingsModule {}
