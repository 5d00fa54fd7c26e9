import { Injectable } from '@nestjs/common';
import type { DrillResult, DrillSubmission } from '@signal-room/protocol';
import { drillResultSchema } from '@signal-room/protocol';
import { DataSource } from 'typeorm';
import { AppException } from '../common/app-exception';
import { DrillResultEntity } from './drill-result.entity';

/** Results kept before the list stops; far more than a person does between two looks. */
const LIST_LIMIT = 200;

@Injectable()
export class DrillsService {
  constructor(private readonly dataSource: DataSource) {}

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
