import { createHash, timingSafeEqual } from 'node:crypto';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../app.tokens';
import { bearerToken } from '../auth/auth.guard';
import { AppException } from '../common/app-exception';
import type { AppConfig } from '../config';

// Digests have one length whatever was sent, so timingSafeEqual can compare any guess in full.
const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Admits a scrape that carries METRICS_TOKEN as its bearer token; any scrape when it is unset. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.metricsToken === null ? null : digest(config.metricsToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const http = context.switchToHttp();
    const given = bearerToken(http.getRequest<Request>().headers.authorization) ?? '';
    if (timingSafeEqual(digest(given), this.expected)) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new AppException(
      'UNAUTHENTICATED',
      'Metrics need Authorization: Bearer <METRICS_TOKEN>.',
    );
  }
}
