import { Injectable } from '@nestjs/common';
import type { ExerciseDrillId, SignalId } from '@signal-room/domain';
import { EXERCISE_DRILL_IDS, drillRoom } from '@signal-room/domain';
import type {
  DrillResult,
  DrillSubmission,
  ProgressResponse,
  SessionSummary,
} from '@signal-room/protocol';
import { drillResultSchema } from '@signal-room/protocol';
import { DataSource } from 'typeorm';
import { AppException } from '../common/app-exception';
import { SessionsService } from '../sessions/sessions.service';
import { DrillResultEntity } from './drill-result.entity';

/** Results kept before the list stops; far more than a person does between two looks. */
const LIST_LIMIT = 200;

@Injectable()
export class DrillsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * The drill as a short room the caller hosts and scores, on the drill's exercise; the partner
   * doing the drill comes in through an invite link. Coaching, so they read the score at the end.
   */
  async openRoom(
    userId: string,
    drillId: ExerciseDrillId,
    signal: SignalId,
  ): Promise<SessionSummary> {
    const room = drillRoom(drillId, signal);
    if (!room) {
      throw new AppException('INVALID_PAYLOAD', 'This drill does not practise that signal.');
    }
    return this.sessions.open(userId, { ...room, visibility: 'coaching', peerMode: false });
  }

  async save(userId: string, submission: DrillSubmission): Promise<DrillResult> {
    const row = await this.dataSource.manager.save(
      this.dataSource.manager.create(DrillResultEntity, {
        userId,
        drillId: submission.drill,
        payload: submission.payload,
      }),
    );
    return resultOf(row);
  }

  async list(userId: string): Promise<DrillResult[]> {
    const rows = await this.dataSource.manager.find(DrillResultEntity, {
      where: { userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: LIST_LIMIT,
    });
    return rows.map(resultOf);
  }

  /** Each drill the person has done, how often and when last, in the catalogue's order. */
  async doneBy(userId: string): Promise<ProgressResponse['drillsDone']> {
    const rows: { drill: ExerciseDrillId; count: string; last: Date }[] =
      await this.dataSource.manager
        .createQueryBuilder(DrillResultEntity, 'result')
        .select('result.drill_id', 'drill')
        .addSelect('COUNT(*)', 'count')
        .addSelect('MAX(result.created_at)', 'last')
        .where('result.user_id = :userId', { userId })
        .groupBy('result.drill_id')
        .getRawMany();
    return EXERCISE_DRILL_IDS.flatMap((drill) => {
      const row = rows.find((entry) => entry.drill === drill);
      return row
        ? [{ drill, count: Number(row.count), lastDoneAt: new Date(row.last).toISOString() }]
        : [];
    });
  }

  /** Someone else's result answers as one that does not exist: ids are not confirmed to others. */
  async get(id: string, userId: string): Promise<DrillResult> {
    const row = await this.dataSource.manager.findOneBy(DrillResultEntity, { id, userId });
    if (!row)
      throw new AppException('DRILL_RESULT_NOT_FOUND', 'No drill result of yours has this id.');
    return resultOf(row);
  }
}

// Parsed on the way out as well: a row is only ever written through the same schema.
const resultOf = (row: DrillResultEntity): DrillResult =>
  drillResultSchema.parse({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    drill: row.drillId,
    payload: row.payload,
  });
