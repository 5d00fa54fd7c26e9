import { cp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import type { Plugin } from 'vite';

/** Where the board asks for Excalidraw's fonts (see src/workspace/board/board.tsx). */
export const EXCALIDRAW_ASSETS = '/assets/excalidraw/';

// The package's own build of its fonts: named by content hash, each a few unicode ranges.
const fontsDir = join(
  dirname(createRequire(import.meta.url).resolve('@excalidraw/excalidraw')),
  'fonts',
);

// Excalidraw's fallback for every font: a CDN, listed after the path it is given as a second
// source of each face. Chromium checks both against the page's policy, and a failed first source
// would reach out to the second, so the build points the fallback at our copy too.
const CDN_FALLBACK = /`https:\/\/esm\.sh\/\$\{.*?\}\/dist\/prod\/`/g;
const OWN_FALLBACK = `(window.location.origin + ${JSON.stringify(EXCALIDRAW_ASSETS)})`;

/**
 * Serves Excalidraw's fonts from our origin. By default it fetches them from a CDN, so every one
 * of them is copied (the CJK face included: a Chinese label would otherwise reach out for it),
 * and the CDN fallback is rewritten to our copy. Under /assets/, so they are cached for good, and
 * a missing one is a 404, never index.html.
 */
export function excalidrawAssets(): Plugin {
  let fallbacks = 0;
  let bundled = false;
  return {
    name: 'signal-room:excalidraw-assets',
    transform(code, id) {
      if (!id.includes('/@excalidraw/excalidraw/')) return null;
      bundled = true;
      const rewritten = code.replace(CDN_FALLBACK, () => {
        fallbacks += 1;
        return OWN_FALLBACK;
      });
      return rewritten === code ? null : { code: rewritten, map: null };
    },
    buildEnd() {
      // An upgrade that moved the fallback must not ship one that reaches the CDN.
      if (bundled && fallbacks === 0) {
        this.error("Excalidraw's font fallback was not found: check excalidraw-assets.mts");
      }
    },
    configureServer(server) {
      server.middlewares.use(`${EXCALIDRAW_ASSETS}fonts/`, (request, response, next) => {
        const path = normalize(decodeURIComponent((request.url ?? '').split('?')[0] ?? ''));
        if (path.includes('..')) return next();
        readFile(join(fontsDir, path)).then(
          (bytes) => {
            response.setHeader('Content-Type', 'font/woff2');
            response.end(bytes);
          },
          () => next(),
        );
      });
    },
    async writeBundle({ dir }) {
      if (dir) await cp(fontsDir, join(dir, EXCALIDRAW_ASSETS, 'fonts'), { recursive: true });
    },
  };
}
