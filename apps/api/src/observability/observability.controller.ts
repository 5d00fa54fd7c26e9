import { Controller, Get, Header, HttpStatus, Res, UseGuards } from '@nestjs/common';
import type { ReadyResponse } from '@signal-room/protocol';
import { liveResponseSchema, readyResponseSchema } from '@signal-room/protocol';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Lifecycle } from './lifecycle';
import { MetricsService } from './metrics.service';
import { MetricsTokenGuard } from './metrics-token.guard';
import { Responds, RespondsWith } from '../common/contract';

@Controller()
export class ObservabilityController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Prometheus scrape endpoint. */
  @Get('metrics')
  @RespondsWith(
    { 'text/plain': z.string() },
    'Prometheus metrics of this node (with METRICS_TOKEN set, as its bearer token)',
  )
  @UseGuards(MetricsTokenGuard)
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  /** Liveness: the process answers. A failing database is no reason to restart it. */
  @Get('health/live')
  @Responds(liveResponseSchema, 'Liveness: the process answers')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: send traffic here only while the database answers and the node is not stopping. */
  @Get('health/ready')
  @Responds(
    readyResponseSchema,
    'Readiness: the database answers and the node is not stopping (else 503)',
  )
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadyResponse> {
    if (this.lifecycle.stopping) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { ready: false, reason: 'stopping' };
    }
    const database = await this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    if (!database) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return database ? { ready: true } : { ready: false, reason: 'database unavailable' };
  }
}
