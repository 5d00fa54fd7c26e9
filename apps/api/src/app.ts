import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { contentSecurityPolicy } from 'helmet';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { Logger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AppException } from './common/app-exception';
import { DocsController } from './docs/docs.controller';
import type { LogSink } from './observability/observability.module';
import { RoomsIoAdapter } from './rooms/rooms-io.adapter';
import type { AppConfig } from './config';
import { serveWeb } from './web/serve-web';

const API_PREFIX = 'api';

/**
 * A page's Content-Security-Policy: everything from this origin only, no inline script or
 * style, never framed. React applies `style` props through the CSSOM, which CSP does not
 * govern, so style attributes in markup can stay forbidden too.
 */
function pagePolicy(
  publicUrl: string,
  extra: { scriptSrc?: string[]; imgSrc?: string[] } = {},
): RequestHandler {
  // Current browsers count the same-origin ws(s): URL as 'self'; older Safari did not.
  const socketOrigin = new URL(publicUrl).origin.replace(/^http/, 'ws');
  return contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...(extra.scriptSrc ?? [])],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      styleSrcAttr: ["'none'"],
      imgSrc: ["'self'", ...(extra.imgSrc ?? [])],
      connectSrc: ["'self'", socketOrigin],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
}

/** The CSP sources that admit exactly the inline scripts of a page, by hash. */
const inlineScriptHashes = (html: string): string[] =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, script]) =>
      `'sha256-${createHash('sha256')
        .update(script ?? '')
        .digest('base64')}'`,
  );

/** Security headers on every response, error or not, API or page. */
function secureHeaders(app: NestExpressApplication, config: AppConfig): void {
  app.use(
    helmet({
      contentSecurityPolicy: false,
      xFrameOptions: { action: 'deny' },
      // Invite links carry their token in the path: no page hands its address to anyone.
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  const webPolicy = pagePolicy(config.publicUrl);
  // Swagger UI starts from one inline script and draws its icons as data: images. The hash is
  // taken from the page itself, so the two cannot drift apart.
  const docsPolicy = pagePolicy(config.publicUrl, {
    scriptSrc: inlineScriptHashes(app.get(DocsController).page()),
    imgSrc: ['data:'],
  });
  const docsPage = new RegExp(`^/${API_PREFIX}/docs/?$`, 'i');
  app.use((request: Request, response: Response, next: NextFunction) =>
    (docsPage.test(request.path) ? docsPolicy : webPolicy)(request, response, next),
  );
}

/**
 * Only JSON bodies reach the API. A cross-site HTML form can post urlencoded, multipart or
 * text/plain without a CORS preflight, never application/json, so refusing every other type
 * before any parser runs keeps forms out of /api (a forged sign-in among them).
 */
function jsonBodiesOnly(request: Request, _response: Response, next: NextFunction): void {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 ||
    request.headers['transfer-encoding'] !== undefined;
  if (type === undefined ? hasBody : type !== 'application/json') {
    next(
      new AppException(
        'UNSUPPORTED_MEDIA_TYPE',
        'The API reads JSON bodies only: send Content-Type: application/json.',
      ),
    );
    return;
  }
  next();
}

/**
 * Builds the whole product on an open database: the same for `npm start` and for tests. A test
 * that reads the log lines passes a sink of its own.
 */
export async function createApp(
  config: AppConfig,
  dataSource: DataSource,
  logSink?: LogSink,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, dataSource, logSink),
    {
      bodyParser: false,
      bufferLogs: true,
    },
  );
  // Every log line, Nest's own included, goes out as one JSON line through pino.
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  secureHeaders(app, config);
  app.use(`/${API_PREFIX}`, jsonBodiesOnly);
  app.useBodyParser('json', { limit: '64kb' });
  app.setGlobalPrefix(API_PREFIX);
  // A stop that ran its hooks to the end is a clean exit (0), not a death by signal (143);
  // exiting also flushes the log lines pino still buffers.
  app.enableShutdownHooks([], { useProcessExit: true });
  const sockets = new RoomsIoAdapter(app, config);
  await sockets.connectRedis();
  app.useWebSocketAdapter(sockets);
  app.useStaticAssets(getAbsoluteFSPath(), { prefix: `/${API_PREFIX}/docs/assets` });
  serveWeb(app, config.webRoot, API_PREFIX);
  return app;
}
