import { randomUUID } from 'node:crypto';
import { Global, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { Lifecycle } from './lifecycle';
import { MetricsService } from './metrics.service';
import { ObservabilityController } from './observability.controller';

const QUIET_PATHS = ['/api/health', '/api/health/live', '/api/health/ready', '/api/metrics'];

@Global()
@Module({
  imports: [
    // One JSON line per event. Every request gets an id (kept if the proxy sent one) that is
    // returned in X-Request-Id and stamped on every line the request logs.
    LoggerModule.forRoot({
      // Named wildcard: Express 5's router no longer takes a bare '*'.
      forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
      pinoHttp: {
        level: process.env['LOG_LEVEL'] ?? 'info',
        genReqId: (request: IncomingMessage, response: ServerResponse) => {
          const given = request.headers['x-request-id'];
          const id = typeof given === 'string' && given.length <= 100 ? given : randomUUID();
          response.setHeader('X-Request-Id', id);
          return id;
        },
        autoLogging: { ignore: (request) => QUIET_PATHS.includes(request.url ?? '') },
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        customProps: (request) => ({ requestId: request.id }),
      },
    }),
  ],
  controllers: [ObservabilityController],
  providers: [MetricsService, Lifecycle],
  exports: [MetricsService, Lifecycle],
})
export class ObservabilityModule {}
