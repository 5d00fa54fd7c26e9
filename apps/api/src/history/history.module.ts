import { Module } from '@nestjs/common';
import { RoomsModule } from '../rooms/rooms.module';
import { SessionsModule } from '../sessions/sessions.module';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';

@Module({
  imports: [SessionsModule, RoomsModule],
  controllers: [HistoryController],
  providers: [HistoryService],
})
export class HistoryModule {}
