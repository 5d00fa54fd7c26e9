import { Injectable } from '@nestjs/common';
import type { SpeechSpan } from '@signal-room/protocol';
import { DataSource } from 'typeorm';
import { AppException } from '../common/app-exception';
import { SessionEntity } from '../sessions/session.entity';
import { RoomsService } from '../rooms/rooms.service';
import { SpeechSpanEntity } from './speech-span.entity';

/** A browser's clock, even synced to ours, may run a little ahead. */
const CLOCK_SLACK_MS = 10_000;
/** After the end, the spans of the last seconds may still be on their way. */
const LATE_SPEECH_MS = 5 * 60_000;

/** One person's spans, as the feedback reads them. */
export interface SpokenBy {
  userId: string;
  spans: SpeechSpan[];
}

/** Who may take part in a session's call, and what they said of when they spoke. */
@Injectable()
export class CallsService {
  constructor(
    private readonly rooms: RoomsService,
    private readonly dataSource: DataSource,
  ) {}

  /** Refuses anyone who is not (or no longer) a participant of the session. */
  async requireParticipant(sessionId: string, userId: string): Promise<void> {
    await this.rooms.roleOf(sessionId, userId);
  }

  /**
   * Stores one batch of the sender's own spans; a batch stored before is answered, not stored
   * again. Only spans of a session that is running, or ended a moment ago and spoken before
   * its end, are kept, so the record of a finished round cannot be changed later.
   */
  async storeSpeech(
    sessionId: string,
    userId: string,
    batchId: string,
    spans: readonly SpeechSpan[],
    now: number,
  ): Promise<void> {
    await this.requireParticipant(sessionId, userId);
    const session = await this.dataSource.manager.findOne(SessionEntity, {
      where: { id: sessionId },
      select: { id: true, endedAt: true },
    });
    if (!session) throw new AppException('SESSION_NOT_FOUND', 'No session with this id.');
    const endedAt = session.endedAt?.getTime() ?? null;
    if (endedAt !== null && now - endedAt > LATE_SPEECH_MS) {
      throw new AppException('INVALID_STATE', 'This session has ended; its talk-time is final.');
    }
    const future = spans.find((span) => span.endAt > now + CLOCK_SLACK_MS);
    if (future) throw new AppException('INVALID_PAYLOAD', 'A span ends in the future.');
    if (endedAt !== null && spans.some((span) => span.startAt > endedAt)) {
      throw new AppException('INVALID_PAYLOAD', 'A span starts after the session ended.');
    }
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SpeechSpanEntity)
      .values(
        spans.map((span) => ({
          sessionId,
          userId,
          batchId,
          startAt: String(span.startAt),
          endAt: String(span.endAt),
        })),
      )
      .orIgnore()
      .execute();
  }

  /** Every participant's spans in a session, each person's in time order. */
  async speechOf(sessionId: string): Promise<SpokenBy[]> {
    const rows = await this.dataSource.manager.find(SpeechSpanEntity, {
      where: { sessionId },
      order: { startAt: 'ASC' },
    });
    const byUser = new Map<string, SpeechSpan[]>();
    for (const row of rows) {
      const spans = byUser.get(row.userId) ?? [];
      spans.push({ startAt: Number(row.startAt), endAt: Number(row.endAt) });
      byUser.set(row.userId, spans);
    }
    return [...byUser].map(([userId, spans]) => ({ userId, spans }));
  }
}
