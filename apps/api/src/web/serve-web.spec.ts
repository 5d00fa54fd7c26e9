import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { TestApp } from '../testing/test-app';
import { startTestApp } from '../testing/test-app';
import type { Coding } from './serve-web';
import { chooseCoding } from './serve-web';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire, still encoded. */
  body: Buffer;
}

/** One request with Node's own client, which leaves bodies encoded and paths as written. */
function raw(
  url: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method, headers, path }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });
}

const decode = ({ headers, body }: RawResponse): Buffer => {
  const coding = headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(body);
  if (coding === 'gzip') return gunzipSync(body);
  return body;
};

describe('chooseCoding', () => {
  it.each<[string | undefined, Coding | null]>([
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.2, br;q=0', 'gzip'],
    ['deflate, identity', null],
    ['br;q=0, gzip;q=0', null],
    ['br;q=nonsense', null],
    ['', null],
    [undefined, null],
  ])('picks from "%s": %s', (header, chosen) => {
    expect(chooseCoding(header, ['br', 'gzip'])).toBe(chosen);
  });

  it('picks only among the codings the file was made in', () => {
    expect(chooseCoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(chooseCoding('br', ['gzip'])).toBeNull();
    expect(chooseCoding('br, gzip', [])).toBeNull();
  });
});

describe('the built web app, served', () => {
  const parent = mkdtempSync(join(tmpdir(), 'signal-room-served-'));
  const webRoot = join(parent, 'web');
  const SECRET = 'not part of the build';
  const INDEX =
    '<!doctype html><meta name="csp-nonce" content="__CSP_NONCE__"><title>Signal Room</title><script src="/assets/app-3f9a.js">';
  const nonceOf = (headers: Record<string, unknown>): string =>
    /style-src-elem 'self' 'nonce-([^']+)'/.exec(String(headers['content-security-policy']))?.[1] ??
    'no nonce';
  const pageWith = (nonce: string): string => INDEX.replace('__CSP_NONCE__', nonce);
  const SCRIPT = `export const signals = [${'"framing", "architecture", '.repeat(200)}];\n`;
  const STYLE = `.page { display: grid; }\n${'.card { padding: 1rem; }\n'.repeat(100)}`;
  const ICON = 'not compressed at build time';
  const FRAME =
    '<!doctype html><title>Code runner</title><script>addEventListener("message", () => {});</script>';
  let t: TestApp;

  const asset = '/assets/app-3f9a.js';
  const get = (path: string, headers?: Record<string, string>) => raw(t.url, path, headers);

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'), { recursive: true });
    writeFileSync(join(parent, 'secret.txt'), SECRET);
    const write = (path: string, text: string, codings: Coding[]) => {
      writeFileSync(join(webRoot, path), text);
      if (codings.includes('br'))
        writeFileSync(join(webRoot, `${path}.br`), brotliCompressSync(text));
      if (codings.includes('gzip')) writeFileSync(join(webRoot, `${path}.gz`), gzipSync(text));
    };
    write('index.html', INDEX, ['br', 'gzip']);
    write('assets/app-3f9a.js', SCRIPT, ['br', 'gzip']);
    write('assets/page-77c1.css', STYLE, ['gzip']);
    write('favicon.ico', ICON, []);
    write('runner-frame.html', FRAME, ['br', 'gzip']);
    t = await startTestApp('embedded', { webRoot });
  }, 60_000);

  afterAll(() => t?.close());

  it('sends brotli to a browser that accepts it, at its compressed size', async () => {
    const response = await get(asset, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'content-encoding': 'br',
      'content-type': 'text/javascript; charset=utf-8',
      vary: 'Accept-Encoding',
      'content-length': String(brotliCompressSync(SCRIPT).length),
    });
    expect(response.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(decode(response).toString()).toBe(SCRIPT);
  });

  it('sends gzip when only gzip is accepted, or when it is the only copy', async () => {
    const script = await get(asset, { 'Accept-Encoding': 'gzip' });
    expect(script.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    expect(decode(script).toString()).toBe(SCRIPT);
    const style = await get('/assets/page-77c1.css', { 'Accept-Encoding': 'br, gzip' });
    expect(style.headers).toMatchObject({
      'content-encoding': 'gzip',
      'content-type': 'text/css; charset=utf-8',
    });
    expect(decode(style).toString()).toBe(STYLE);
  });

  it('sends the file as it is to a client that accepts neither', async () => {
    const neither: Record<string, string>[] = [
      {},
      { 'Accept-Encoding': 'identity' },
      { 'Accept-Encoding': 'br;q=0' },
    ];
    for (const headers of neither) {
      const response = await get(asset, headers);
      expect(response.headers['content-encoding']).toBeUndefined();
      // A cache must still keep this answer apart from the compressed ones.
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.headers['content-length']).toBe(String(SCRIPT.length));
      expect(response.body.toString()).toBe(SCRIPT);
    }
    const icon = await get('/favicon.ico', { 'Accept-Encoding': 'br, gzip' });
    expect(icon.headers).toMatchObject({ 'content-type': 'image/vnd.microsoft.icon' });
    expect(icon.headers['content-encoding']).toBeUndefined();
    expect(icon.headers.vary).toBeUndefined();
    expect(icon.body.toString()).toBe(ICON);
  });

  it('keeps hashed files for a year, and has the page asked after on every load', async () => {
    const cacheControl = async (path: string) =>
      (await get(path, { 'Accept-Encoding': 'br' })).headers['cache-control'];
    expect(await cacheControl(asset)).toBe('public, max-age=31536000, immutable');
    expect(await cacheControl('/assets/page-77c1.css')).toBe('public, max-age=31536000, immutable');
    for (const page of ['/', '/index.html', '/sessions/42', '/join/some-token']) {
      expect({ page, cache: await cacheControl(page) }).toEqual({ page, cache: 'no-cache' });
    }
    expect(await cacheControl('/favicon.ico')).toBe('public, max-age=3600');
  });

  it('serves index.html, compressed, for every client-side route, with a fresh nonce its policy admits', async () => {
    const nonces = new Set<string>();
    for (const page of ['/', '/sessions/42/feedback', '/no/such/page']) {
      const response = await get(page, { 'Accept-Encoding': 'br, gzip' });
      expect(response.status).toBe(200);
      expect(response.headers).toMatchObject({
        'content-type': 'text/html; charset=utf-8',
        'content-encoding': 'br',
        vary: 'Accept-Encoding',
      });
      nonces.add(nonceOf(response.headers));
      expect(decode(response).toString()).toBe(pageWith(nonceOf(response.headers)));
    }
    expect(nonces.size).toBe(3);
  });

  it('answers a missing hashed file with a 404, not with the page', async () => {
    const response = await get('/assets/app-0000.js', { 'Accept-Encoding': 'br' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('keeps the security headers on compressed files and pages', async () => {
    const api = await get('/api/health');
    // The nonce is new on every response; the rest of the policy is the same everywhere.
    const policyOf = (headers: Record<string, unknown>) =>
      String(headers['content-security-policy']).replace(/'nonce-[^']+'/, "'nonce'");
    for (const path of [asset, '/', '/sessions/42']) {
      const { headers } = await get(path, { 'Accept-Encoding': 'br' });
      expect({ path, policy: policyOf(headers) }).toEqual({ path, policy: policyOf(api.headers) });
      expect({ path, headers }).toMatchObject({
        path,
        headers: {
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
        },
      });
    }
    expect(api.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves the runner frame framable by our pages only, with no network, asked after each load', async () => {
    const { headers } = await get('/runner-frame.html', { 'Accept-Encoding': 'br' });
    expect(headers).toMatchObject({ 'x-frame-options': 'SAMEORIGIN', 'cache-control': 'no-cache' });
    const policy = String(headers['content-security-policy'] ?? '');
    const hash = createHash('sha256')
      .update('addEventListener("message", () => {});')
      .digest('base64');
    for (const directive of [
      "default-src 'none'",
      `script-src 'sha256-${hash}' 'unsafe-eval' 'wasm-unsafe-eval'`,
      'worker-src blob:',
      "connect-src 'none'",
      "frame-ancestors 'self'",
    ]) {
      expect(policy.split(';')).toContain(directive);
    }
    // The app's own pages keep their policy, which frames nothing but our origin.
    expect((await get('/sessions/42')).headers['x-frame-options']).toBe('DENY');
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    for (const path of [asset, '/sessions/42']) {
      const headers = { 'Accept-Encoding': 'br' };
      const [got, head] = await Promise.all([
        get(path, headers),
        raw(t.url, path, headers, 'HEAD'),
      ]);
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      // A page is made per response (its nonce): its compressed length and tag differ each time.
      const names =
        path === asset
          ? ['content-encoding', 'content-length', 'content-type', 'etag', 'vary']
          : ['content-encoding', 'content-type', 'vary'];
      for (const name of names) {
        expect({ path, name, value: head.headers[name] }).toEqual({
          path,
          name,
          value: got.headers[name],
        });
      }
    }
  });

  it('tags each coding apart, and revalidates each with a 304', async () => {
    const [br, gzip, plain] = await Promise.all(
      ['br', 'gzip', 'identity'].map((coding) => get(asset, { 'Accept-Encoding': coding })),
    );
    const tags = [br, gzip, plain].map((response) => response.headers.etag);
    expect(new Set(tags).size).toBe(3);
    const again = await get(asset, { 'Accept-Encoding': 'br', 'If-None-Match': tags[0] ?? '' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('never hands out a file from outside the build', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    ]) {
      const response = await get(path, { 'Accept-Encoding': 'identity' });
      const body = response.body.toString();
      expect({ path, leaked: body.includes(SECRET) }).toEqual({ path, leaked: false });
      // Outside /assets/ any path is a client-side route; inside it, a missing file.
      expect({ path, answer: response.status === 200 ? body : response.status }).toEqual({
        path,
        answer: path.startsWith('/assets/') ? 404 : pageWith(nonceOf(response.headers)),
      });
    }
  });

  it('serves the app to GET and HEAD only', async () => {
    const response = await raw(t.url, '/sessions/42', {}, 'POST');
    expect(response.status).toBe(404);
  });
});
