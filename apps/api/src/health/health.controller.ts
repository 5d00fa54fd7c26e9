import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { HealthResponse } from '@signal-room/protocol';
import { healthResponseSchema } from '@signal-room/protocol';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../config';
import { Responds } from '../common/contract';

@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 200 when the database answers, 503 when it does not: load balancers read the status. */
  @Get()
  @Responds(
    healthResponseSchema,
    'Liveness and database reachability (503 when the database is down)',
  )
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const database = await this.dataSource.query('SELECT 1').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    if (database === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: database === 'up' ? 'ok' : 'degraded',
      database,
      databaseKind: this.config.database.kind,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }
}
