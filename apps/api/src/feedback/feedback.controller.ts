import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import {
  calibrationResponseSchema,
  feedbackDocumentSchema,
  feedbackExportSchema,
} from '@signal-room/protocol';
import type { Calibration, FeedbackDocument } from '@signal-room/domain';
import { feedbackToMarkdown } from '@signal-room/domain';
import type { Response } from 'express';
import { z } from 'zod';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { FeedbackService } from './feedback.service';
import { Responds, RespondsWith } from '../common/contract';

const exportFormatSchema = z.enum(['markdown', 'json']).default('markdown');

@Controller('sessions/:id')
@UseGuards(AuthGuard)
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get('feedback')
  @Responds(
    feedbackDocumentSchema,
    'The feedback document (staff after the end; the candidate once released)',
  )
  get(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<FeedbackDocument> {
    return this.feedback.forViewer(id, userId);
  }

  /** A file to keep: Markdown to read, JSON for other tools. */
  @Get('feedback/export')
  @RespondsWith(
    { 'text/markdown': z.string(), 'application/json': feedbackExportSchema },
    "The feedback as a file to keep, in Markdown (the default) or JSON; the candidate's carries their audit",
  )
  async export(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Query('format', new ZodPipe(exportFormatSchema)) format: z.infer<typeof exportFormatSchema>,
    @Res() response: Response,
  ): Promise<void> {
    const document = await this.feedback.exportFor(id, userId);
    const markdown = format === 'markdown';
    response
      .type(markdown ? 'text/markdown; charset=utf-8' : 'application/json')
      .attachment(`signal-room-feedback-${id}.${markdown ? 'md' : 'json'}`)
      .send(markdown ? feedbackToMarkdown(document) : JSON.stringify(document, null, 2));
  }

  @Get('calibration')
  @Responds(calibrationResponseSchema, "Observers' scores beside the interviewer's, after the end")
  calibration(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<Calibration[]> {
    return this.feedback.calibration(id, userId);
  }
}
