import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import type { AuditEntry } from '@signal-room/domain';
import type {
  AuditHistoryResponse,
  CreateAuditEntryBody,
  SessionAuditResponse,
} from '@signal-room/protocol';
import {
  auditEntrySchema,
  auditHistoryResponseSchema,
  createAuditEntryBodySchema,
  sessionAuditResponseSchema,
} from '@signal-room/protocol';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { RoomsService } from '../rooms/rooms.service';
import { AuditService } from './audit.service';
import { Responds } from '../common/contract';

@Controller()
@UseGuards(AuthGuard)
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly rooms: RoomsService,
  ) {}

  @Get('sessions/:id/audit')
  @Responds(
    sessionAuditResponseSchema,
    'My audit of a released round: the signals open to it and what I wrote (candidate)',
  )
  get(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<SessionAuditResponse> {
    return this.audit.forSession(id, userId);
  }

  @Post('sessions/:id/audit')
  @Responds(
    auditEntrySchema,
    'Add a decision sentence I had in mind and never said (candidate, after release)',
  )
  add(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(createAuditEntryBodySchema)) body: CreateAuditEntryBody,
  ): Promise<AuditEntry> {
    return this.audit.add(id, userId, body);
  }

  @Delete('sessions/:id/audit/:entryId')
  @Responds(auditEntrySchema, 'Take back one of my audit entries (candidate)')
  async remove(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Param('entryId', uuidParam) entryId: string,
  ): Promise<AuditEntry> {
    const { entry, listedIn } = await this.audit.remove(id, entryId, userId);
    await this.rooms.withdrawWatchItem(listedIn, entry.id);
    return entry;
  }

  @Get('history/audit')
  @Responds(auditHistoryResponseSchema, 'Every audit entry I wrote, and where each became visible')
  history(@CurrentUser() userId: string): Promise<AuditHistoryResponse> {
    return this.audit.history(userId);
  }
}
