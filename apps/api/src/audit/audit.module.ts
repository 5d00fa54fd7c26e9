import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  imports: [SessionsModule],
  controllers: [AuditController],
  providers: [AuditService],
})
export class AuditModule {}
