import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DrillsModule } from '../drills/drills.module';
import { FeedbackRepositoryModule } from '../feedback/feedback-repository.module';
import { RoomsModule } from '../rooms/rooms.module';
import { SessionsModule } from '../sessions/sessions.module';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';
import { ProgressSharesService } from './progress-shares.service';
import { SharedProgressController } from './shared-progress.controller';

@Module({
  imports: [SessionsModule, RoomsModule, AuditModule, DrillsModule, FeedbackRepositoryModule],
  controllers: [HistoryController, SharedProgressController],
  providers: [HistoryService, ProgressSharesService],
})
export class HistoryModule {}
