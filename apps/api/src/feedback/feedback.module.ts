import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CallsModule } from '../calls/calls.module';
import { DocumentsModule } from '../documents/documents.module';
import { RoomsModule } from '../rooms/rooms.module';
import { SessionsModule } from '../sessions/sessions.module';
import { FeedbackRepositoryModule } from './feedback-repository.module';
import { FeedbackController } from './feedback.controller';
import { FeedbackService } from './feedback.service';

@Module({
  imports: [
    SessionsModule,
    RoomsModule,
    AuditModule,
    DocumentsModule,
    CallsModule,
    FeedbackRepositoryModule,
  ],
  controllers: [FeedbackController],
  providers: [FeedbackService],
})
export class FeedbackModule {}
