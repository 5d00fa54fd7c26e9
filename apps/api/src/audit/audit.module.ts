import { Module } from '@nestjs/common';
import { FeedbackRepositoryModule } from '../feedback/feedback-repository.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  imports: [SessionsModule, FeedbackRepositoryModule],
  controllers: [AuditController],
  providers: [AuditService],
  // The next mock is aimed at what the audit has not yet seen heard.
  exports: [AuditService],
})
export class AuditModule {}
