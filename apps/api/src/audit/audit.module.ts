import { Module } from '@nestjs/common';
import { FeedbackRepositoryModule } from '../feedback/feedback-repository.module';
import { RoomsModule } from '../rooms/rooms.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  // Deleting an entry takes its item off the watch lists of the rooms that listed it.
  imports: [SessionsModule, RoomsModule, FeedbackRepositoryModule],
  controllers: [AuditController],
  providers: [AuditService],
  // The next mock is aimed at what the audit has not yet seen heard.
  exports: [AuditService],
})
export class AuditModule {}
