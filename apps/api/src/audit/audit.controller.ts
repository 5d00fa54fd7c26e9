import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import type {
  AuditEntry,
  AuditHistoryResponse,
  CreateAuditEntryBody,
  SessionAuditResponse,
} from '@signal-room/protocol';
import { createAuditEntryBodySchema } from '@signal-room/protocol';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { AuditService } from './audit.service';

@Controller()
@UseGuards(AuthGuard)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('sessions/:id/audit')
  get(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<SessionAuditResponse> {
    return this.audit.forSession(id, userId);
  }

  @Post('sessions/:id/audit')
  add(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(createAuditEntryBodySchema)) body: CreateAuditEntryBody,
  ): Promise<AuditEntry> {
    return this.audit.add(id, userId, body);
  }

  @Delete('sessions/:id/audit/:entryId')
  remove(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Param('entryId', uuidParam) entryId: string,
  ): Promise<AuditEntry> {
    return this.audit.remove(id, entryId, userId);
  }

  @Get('history/audit')
  history(@CurrentUser() userId: string): Promise<AuditHistoryResponse> {
    return this.audit.history(userId);
  }
}
