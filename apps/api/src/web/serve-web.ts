import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** The content codings the web build is precompressed in, best first. */
const CODINGS = ['br', 'gzip'] as const;
export type Coding = (typeof CODINGS)[number];

const SUFFIX: Record<Coding, string> = { br: '.br', gzip: '.gz' };
const COMPRESS: Record<Coding, (body: Buffer) => Buffer> = {
  // A middling quality: the page is made per response, and a few hundred bytes are not worth more.
  br: (body) => brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (body) => gzipSync(body),
};

/** One file of the build: its URL path, its path under the web root, the codings made of it. */
interface WebFile {
  url: string;
  path: string;
  codings: Coding[];
}

/**
 * The coding to send for an `Accept-Encoding` header, among those a file was made in: the one
 * the client weighs highest, brotli on a tie (it is the smaller), or none for the file as it is.
 */
export function chooseCoding(header: string | undefined, made: readonly Coding[]): Coding | null {
  const weights = new Map<string, number>();
  for (const entry of (header ?? '').split(',')) {
    const [name = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    if (name) weights.set(name, quality === undefined ? 1 : Number(quality.slice(2)) || 0);
  }
  let chosen: Coding | null = null;
  let best = 0;
  for (const coding of CODINGS) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (made.includes(coding) && weight > best) [chosen, best] = [coding, weight];
  }
  return chosen;
}

/**
 * Every file of the build by its URL path. Requests are looked up here and never joined onto
 * the disk path, so no request can name a file outside the build.
 */
function readBuild(webRoot: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  const paths = readdirSync(webRoot, { recursive: true, encoding: 'utf8' });
  for (const path of paths) {
    const isCopy = CODINGS.some((coding) => path.endsWith(SUFFIX[coding]));
    if (isCopy || !statSync(join(webRoot, path)).isFile()) continue;
    const codings = CODINGS.filter((coding) => existsSync(join(webRoot, path + SUFFIX[coding])));
    const url = `/${encodeURI(path.split(sep).join('/'))}`;
    files.set(url, { url, path, codings });
  }
  return files;
}

/** Where index.html takes the page's CSP nonce (apps/web/index.html's csp-nonce meta). */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** The nonce the page policy admits for this response (made per response in app.ts). */
export const cspNonceOf = (response: Response): string => String(response.locals['cspNonce'] ?? '');

/** The web app's sandboxed frame for running candidate code, served under its own CSP. */
export const RUNNER_FRAME_PATH = '/runner-frame.html';

/**
 * How long a browser may keep a file: Vite names what it emits under /assets/ by a hash of its
 * content, so those never change; index.html names the current ones, so it is asked after
 * every time and a deploy shows at the next load. The runner frame is asked after too: its CSP
 * admits its script by hash, and the page that talks to it changes with each deploy.
 */
function cacheControlOf({ url }: WebFile): string {
  if (url.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (url === '/index.html' || url === RUNNER_FRAME_PATH) return 'no-cache';
  return 'public, max-age=3600';
}

/**
 * Serves the built web app from its precompressed copies (see apps/web/precompress.mts), chosen
 * by `Accept-Encoding`. Any other GET outside the API gets index.html, so client-side routes
 * load; a missing file under /assets/ is a 404, never a page where a script was asked for.
 * The build is read once, at start-up: a new build is served after a restart, as on a deploy.
 */
export function serveWeb(app: NestExpressApplication, webRoot: string, apiPrefix: string): void {
  if (!existsSync(join(webRoot, 'index.html'))) return;
  const files = readBuild(webRoot);
  // Each page carries its own nonce, so index.html is filled in per response, not sent as stored.
  const page = readFileSync(join(webRoot, 'index.html'), 'utf8');
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isApi =
      request.path.startsWith(`/${apiPrefix}/`) || request.path.startsWith('/socket.io');
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApi) return next();
    const file =
      files.get(request.path) ??
      (request.path.startsWith('/assets/') ? undefined : files.get('/index.html'));
    if (!file) return next();
    if (file.url === '/index.html') {
      // A page of a few KB: compressed as it is sent, since its nonce makes each one new.
      const body = Buffer.from(page.replaceAll(NONCE_PLACEHOLDER, cspNonceOf(response)));
      const pageCoding = chooseCoding(request.headers['accept-encoding'], CODINGS);
      response.type('html');
      response.setHeader('Cache-Control', cacheControlOf(file));
      response.vary('Accept-Encoding');
      if (pageCoding) response.setHeader('Content-Encoding', pageCoding);
      response.send(pageCoding ? COMPRESS[pageCoding](body) : body);
      return;
    }
    const coding = chooseCoding(request.headers['accept-encoding'], file.codings);
    response.type(extname(file.path));
    response.setHeader('Cache-Control', cacheControlOf(file));
    if (file.codings.length > 0) response.vary('Accept-Encoding');
    if (coding) response.setHeader('Content-Encoding', coding);
    response.sendFile(coding ? file.path + SUFFIX[coding] : file.path, {
      root: webRoot,
      cacheControl: false,
    });
  });
}
