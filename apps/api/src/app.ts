import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { Logger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { RoomsIoAdapter } from './rooms/rooms-io.adapter';
import type { AppConfig } from './config';

export const API_PREFIX = 'api';

/** Serves the built web app; any non-API GET gets index.html so client-side routes load. */
function serveWeb(app: NestExpressApplication, webRoot: string): void {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(webRoot, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isApi =
      request.path.startsWith(`/${API_PREFIX}/`) || request.path.startsWith('/socket.io');
    if (request.method !== 'GET' || isApi) return next();
    response.sendFile(index);
  });
}

/** Builds the whole product on an open database: the same for `npm start` and for tests. */
export async function createApp(
  config: AppConfig,
  dataSource: DataSource,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, dataSource),
    {
      bodyParser: true,
      bufferLogs: true,
    },
  );
  // Every log line, Nest's own included, goes out as one JSON line through pino.
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '64kb' });
  app.setGlobalPrefix(API_PREFIX);
  // A stop that ran its hooks to the end is a clean exit (0), not a death by signal (143);
  // exiting also flushes the log lines pino still buffers.
  app.enableShutdownHooks([], { useProcessExit: true });
  const sockets = new RoomsIoAdapter(app, config);
  await sockets.connectRedis();
  app.useWebSocketAdapter(sockets);
  app.useStaticAssets(getAbsoluteFSPath(), { prefix: `/${API_PREFIX}/docs/assets` });
  serveWeb(app, config.webRoot);
  return app;
}
