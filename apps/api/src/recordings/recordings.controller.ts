import { Controller, Delete, Get, Param, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import type {
  ChunkQuery,
  ChunkStored,
  MyTrack,
  RecordingsResponse,
  TrackDeleted,
} from '@signal-room/protocol';
import {
  RECORDING_FORMAT,
  chunkIndexSchema,
  chunkQuerySchema,
  chunkStoredSchema,
  myTrackSchema,
  recordingsResponseSchema,
  trackDeletedSchema,
} from '@signal-room/protocol';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AuthGuard, CurrentUser } from '../auth/auth.guard';
import { Responds, RespondsWith } from '../common/contract';
import { uuidParam } from '../common/uuid-param.pipe';
import { ZodPipe } from '../common/zod-body.pipe';
import { RecordingsService } from './recordings.service';

/**
 * The one route whose body is not JSON: a chunk of audio, raw. app.ts reads its body as bytes,
 * and only there; the path is relative to the API's prefix.
 */
export const CHUNK_UPLOAD_PATH =
  /^\/sessions\/[^/]+\/recordings\/[^/]+\/tracks\/mine\/chunks\/[^/]+$/i;

// GET …/tracks/mine comes before …/tracks/:userId, which would otherwise take it; the delete
// comes last, so a walk through the routes in order reads a track before it is gone.
@Controller('sessions/:id/recordings')
@UseGuards(AuthGuard)
export class RecordingsController {
  constructor(private readonly recordings: RecordingsService) {}

  @Put(':recordingId/tracks/mine/chunks/:index')
  @Responds(
    chunkStoredSchema,
    'Upload one chunk of my microphone (application/octet-stream), with my consent in the room; a resend is answered as stored',
    { rawBody: 'application/octet-stream' },
  )
  upload(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) sessionId: string,
    @Param('recordingId', uuidParam) recordingId: string,
    @Param('index', new ZodPipe(chunkIndexSchema)) index: number,
    @Query(new ZodPipe(chunkQuerySchema)) query: ChunkQuery,
    @Req() request: Request,
  ): Promise<ChunkStored> {
    const body: unknown = request.body;
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    return this.recordings.store({ sessionId, recordingId, userId, index, ...query, bytes });
  }

  @Get(':recordingId/tracks/mine')
  @Responds(myTrackSchema, 'Which chunks of my track are stored, so I resend only the rest')
  mine(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) sessionId: string,
    @Param('recordingId', uuidParam) recordingId: string,
  ): Promise<MyTrack> {
    return this.recordings.mine(sessionId, recordingId, userId);
  }

  @Get()
  @Responds(
    recordingsResponseSchema,
    "The round's recordings and their tracks (staff after the end; the candidate once released)",
  )
  list(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) sessionId: string,
  ): Promise<RecordingsResponse> {
    return this.recordings.list(sessionId, userId);
  }

  @Get(':recordingId/tracks/:userId')
  @RespondsWith(
    { [RECORDING_FORMAT.contentType]: z.string() },
    "One person's track as one WebM file (staff after the end; the candidate once released)",
  )
  async track(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) sessionId: string,
    @Param('recordingId', uuidParam) recordingId: string,
    @Param('userId', uuidParam) trackUserId: string,
    @Res() response: Response,
  ): Promise<void> {
    const track = await this.recordings.track(sessionId, recordingId, trackUserId, userId);
    response
      .status(200)
      .type(RECORDING_FORMAT.contentType)
      .setHeader('Content-Length', String(track.bytes));
    response.setHeader('Cache-Control', 'private, no-store');
    for await (const chunk of track.chunks) response.write(chunk);
    response.end();
  }

  @Delete(':recordingId/tracks/mine')
  @Responds(trackDeletedSchema, 'Delete my own track from a recording that is no longer live')
  deleteMine(
    @CurrentUser() userId: string,
    @Param('id', uuidParam) sessionId: string,
    @Param('recordingId', uuidParam) recordingId: string,
  ): Promise<TrackDeleted> {
    return this.recordings.deleteMine(sessionId, recordingId, userId);
  }
}
