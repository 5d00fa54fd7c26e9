import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Calibration, FeedbackDocument } from '@signal-room/domain';
import { feedbackToMarkdown } from '@signal-room/domain';
import type { Response } from 'express';
import { z } from 'zod';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { ZodPipe } from '../common/zod-body.pipe';
import { uuidParam } from '../common/uuid-param.pipe';
import { FeedbackService } from './feedback.service';

const exportFormatSchema = z.enum(['markdown', 'json']).default('markdown');

@Controller('sessions/:id')
@UseGuards(AuthGuard)
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get('feedback')
  get(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<FeedbackDocument> {
    return this.feedback.forViewer(id, userId);
  }

  /** A file to keep: Markdown to read, JSON for other tools. */
  @Get('feedback/export')
  async export(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
    @Query('format', new ZodPipe(exportFormatSchema)) format: z.infer<typeof exportFormatSchema>,
    @Res() response: Response,
  ): Promise<void> {
    const document = await this.feedback.forViewer(id, userId);
    const markdown = format === 'markdown';
    response
      .type(markdown ? 'text/markdown; charset=utf-8' : 'application/json')
      .attachment(`signal-room-feedback-${id}.${markdown ? 'md' : 'json'}`)
      .send(markdown ? feedbackToMarkdown(document) : JSON.stringify(document, null, 2));
  }

  @Get('calibration')
  calibration(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) id: string,
  ): Promise<Calibration[]> {
    return this.feedback.calibration(id, userId);
  }
}
