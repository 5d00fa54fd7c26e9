import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import type { DocumentId } from '@signal-room/domain';
import type { DocumentReplay } from '@signal-room/protocol';
import { documentIdSchema, documentReplaySchema } from '@signal-room/protocol';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { Responds } from '../common/contract';
import { uuidParam } from '../common/uuid-param.pipe';
import { ZodPipe } from '../common/zod-body.pipe';
import { DocumentsService } from './documents.service';

@Controller()
@UseGuards(AuthGuard)
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('sessions/:id/documents/:documentId/replay')
  @Responds(
    documentReplaySchema,
    'Every stored update of a shared document, oldest first, for the keystroke replay',
  )
  replay(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Param('documentId', new ZodPipe(documentIdSchema)) documentId: DocumentId,
  ): Promise<DocumentReplay> {
    return this.documents.replay(id, documentId, userId);
  }
}
