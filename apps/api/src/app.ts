import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { raw } from 'express';
import { USER_COLORS, selectionTint } from '@signal-room/domain';
import helmet, { contentSecurityPolicy } from 'helmet';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { Logger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { API_PREFIX } from './app.tokens';
import { AppException } from './common/app-exception';
import { DocsController } from './docs/docs.controller';
import type { LogSink } from './observability/observability.module';
import { CHUNK_UPLOAD_PATH } from './recordings/recordings.controller';
import { RoomsIoAdapter } from './rooms/rooms-io.adapter';
import type { AppConfig } from './config';
import { RUNNER_FRAME_PATH, cspNonceOf, serveWeb } from './web/serve-web';

/**
 * A page's Content-Security-Policy: everything from this origin only, no inline script, never
 * framed. Inline style only where the code editor needs it: its generated stylesheet by the
 * response's nonce, and the style attributes it writes for other people's carets by hash.
 * React applies `style` props through the CSSOM, which CSP does not govern.
 */
function pagePolicy(publicUrl: string, extra: { scriptSrc?: string[] } = {}): RequestHandler {
  const nonce = (_request: IncomingMessage, response: ServerResponse) =>
    `'nonce-${cspNonceOf(response as unknown as Response)}'`;
  // Current browsers count the same-origin ws(s): URL as 'self'; older Safari did not.
  const socketOrigin = new URL(publicUrl).origin.replace(/^http/, 'ws');
  return contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...(extra.scriptSrc ?? [])],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      // The code editor generates its styles into one <style> element, which carries the
      // page's nonce (see serve-web.ts); no other inline style is admitted.
      styleSrcElem: ["'self'", nonce],
      styleSrcAttr: attributeStyles(),
      // The board's icons and cursors are data: images, and what it exports a blob: one. Neither
      // can reach another origin, as a remote image could.
      imgSrc: ["'self'", 'data:', 'blob:'],
      // A recording is fetched with the sign-in header and played from a blob: of this page.
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'", socketOrigin],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
}

const sha256Source = (text: string): string =>
  `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The style attributes our libraries write as attributes, not through the CSSOM, admitted by
 * hash and no other: the code pad's editor (y-codemirror.next) for other people's carets and
 * selections, one per colour a person can have, and the board's SVG download (Excalidraw), which
 * keeps the spaces in a text.
 */
const attributeStyles = (): string[] => [
  "'unsafe-hashes'",
  ...USER_COLORS.flatMap((color) => [
    sha256Source(`background-color: ${color}; border-color: ${color}`),
    sha256Source(`background-color: ${selectionTint(color)}`),
  ]),
  sha256Source('white-space: pre;'),
];

/** The CSP sources that admit exactly the inline scripts of a page, by hash. */
const inlineScriptHashes = (html: string): string[] =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, script]) =>
    sha256Source(script ?? ''),
  );

/**
 * The frame the web app runs candidate code in (apps/web/public/runner-frame.html, loaded by
 * apps/web/src/workspace/runner/sandbox.ts). It is sandboxed without allow-same-origin, so it
 * has an opaque origin; this policy takes the network away from it and from the workers it
 * starts (a blob: worker inherits it): no fetch, socket or import reaches anything, our API
 * included. Only its own inline script runs, by hash; eval and WebAssembly are allowed because
 * the runtimes need them (Pyodide builds functions with eval), and they can reach nothing.
 */
function runnerFramePolicy(webRoot: string): RequestHandler {
  const path = join(webRoot, RUNNER_FRAME_PATH);
  const html = existsSync(path) ? readFileSync(path, 'utf8') : '';
  return contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: [...inlineScriptHashes(html), "'unsafe-eval'", "'wasm-unsafe-eval'"],
      workerSrc: ['blob:'],
      connectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'self'"],
    },
  });
}

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
  // Swagger UI starts from one inline script (its icons are data: images, as the board's are).
  // The hash is taken from the page itself, so the two cannot drift apart.
  const docsPolicy = pagePolicy(config.publicUrl, {
    scriptSrc: inlineScriptHashes(app.get(DocsController).page()),
  });
  const framePolicy = runnerFramePolicy(config.webRoot);
  const docsPage = new RegExp(`^/${API_PREFIX}/docs/?$`, 'i');
  app.use((request: Request, response: Response, next: NextFunction) => {
    response.locals['cspNonce'] = randomBytes(16).toString('base64');
    if (request.path === RUNNER_FRAME_PATH) {
      // Framed by our own pages; its frame-ancestors says the same to browsers that read it.
      response.setHeader('X-Frame-Options', 'SAMEORIGIN');
      return framePolicy(request, response, next);
    }
    return (docsPage.test(request.path) ? docsPolicy : webPolicy)(request, response, next);
  });
}

const OCTET_STREAM = 'application/octet-stream';

/**
 * Only JSON bodies reach the API, but for a recording's chunk, which is raw audio. A cross-site
 * HTML form can post urlencoded, multipart or text/plain without a CORS preflight, never
 * application/json or application/octet-stream, so refusing every other type before any parser
 * runs keeps forms out of /api (a forged sign-in among them).
 */
function jsonBodiesOnly(request: Request, _response: Response, next: NextFunction): void {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 ||
    request.headers['transfer-encoding'] !== undefined;
  const expected = CHUNK_UPLOAD_PATH.test(request.path) ? OCTET_STREAM : 'application/json';
  if (type === undefined ? hasBody : type !== expected) {
    next(
      new AppException(
        'UNSUPPORTED_MEDIA_TYPE',
        `This endpoint reads ${expected} bodies only: send Content-Type: ${expected}.`,
      ),
    );
    return;
  }
  next();
}

/** Reads a chunk upload's body as bytes, up to the per-chunk limit; no other route's. */
function chunkBodies(config: AppConfig): RequestHandler {
  const parse = raw({ type: OCTET_STREAM, limit: config.recordingChunkBytes });
  return (request, response, next) =>
    CHUNK_UPLOAD_PATH.test(request.path) ? parse(request, response, next) : next();
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
  app.use(`/${API_PREFIX}`, chunkBodies(config));
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
