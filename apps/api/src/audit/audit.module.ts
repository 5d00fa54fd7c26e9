import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  imports: [SessionsModule],
  controllers: [AuditController],
  providers: [AuditService],
  // The next mock is aimed at what the audit has not yet seen heard.
  exports: [AuditService],
})
export class AuditModule {}
