import { randomUUID } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import { Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Level } from 'pino';
import type { Options } from 'pino-http';
import { Lifecycle } from './lifecycle';
import { MetricsService } from './metrics.service';
import { ObservabilityController } from './observability.controller';

const QUIET_PATHS = ['/api/health', '/api/health/live', '/api/health/ready', '/api/metrics'];

/** Where log lines go when not to stdout at LOG_LEVEL: a test that reads them. */
export interface LogSink {
  level: Level;
  stream: DestinationStream;
}

// Invite and progress-share tokens are bearer secrets in the path (Express matches paths in any
// case).
const LINK_TOKEN = /^(\/api\/+(?:invites|progress)\/+)[^/?#]+/i;

/** The request path as it may be logged: a link token reads `[token]`. */
const loggablePath = (url: string): string => url.replace(LINK_TOKEN, '$1[token]');

// The route parameters are left out: they repeat the path, token included.
const loggedRequest = ({
  params: _params,
  url,
  ...request
}: {
  url: string;
  params?: unknown;
}) => ({
  ...request,
  url: loggablePath(url),
});

const requestLogging = (level: Level): Options => ({
  level,
  genReqId: (request: IncomingMessage, response: ServerResponse) => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && given.length <= 100 ? given : randomUUID();
    response.setHeader('X-Request-Id', id);
    return id;
  },
  autoLogging: { ignore: (request) => QUIET_PATHS.includes(request.url ?? '') },
  // The response headers are the same security headers on every line: the status is the news.
  serializers: {
    req: loggedRequest,
    res: ({ statusCode }: { statusCode: number }) => ({ statusCode }),
  },
  // A referrer can be a page with an invite token in its path (/join/:token).
  redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers.referer'],
  customProps: (request) => ({ requestId: request.id }),
});

@Module({})
export class ObservabilityModule {
  /**
   * One JSON line per event. Every request gets an id (kept if the proxy sent one) that is
   * returned in X-Request-Id and stamped on every line the request logs.
   */
  static register(sink?: LogSink): DynamicModule {
    const level = sink?.level ?? ((process.env['LOG_LEVEL'] ?? 'info') as Level);
    const options = requestLogging(level);
    return {
      module: ObservabilityModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // Named wildcard: Express 5's router no longer takes a bare '*'.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: sink ? [options, sink.stream] : options,
        }),
      ],
      controllers: [ObservabilityController],
      providers: [MetricsService, Lifecycle],
      exports: [MetricsService, Lifecycle],
    };
  }
}
