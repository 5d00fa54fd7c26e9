import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../config';

/**
 * Makes the limits that must hold per person rather than per node: with Redis their counts are
 * shared by every node (else each node would grant its own allowance); if Redis does not answer,
 * each node counts on its own in memory meanwhile, so a Redis outage neither blocks nor opens.
 */
@Injectable()
export class RateLimiters implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('rate-limits');
  private readonly redis: Redis | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A connection of its own that fails a command at once while Redis is away (no offline
    // queue), so a limited request falls back to the memory count instead of waiting.
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false })
      : null;
    this.redis?.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.redis?.connect();
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }

  /** `points` per `durationSeconds` for each key, named so that deployments never share counts. */
  create(name: string, points: number, durationSeconds: number): RateLimiterAbstract {
    const options = {
      keyPrefix: `${this.config.redisPrefix}limit:${name}`,
      points,
      duration: durationSeconds,
    };
    if (!this.redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      storeClient: this.redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }
}
