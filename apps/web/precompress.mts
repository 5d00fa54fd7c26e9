import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Text formats, which shrink several times over, and WebAssembly (the code runners' runtimes
 * shrink to a third); images, fonts and zip files come compressed already.
 */
const TEXT = /\.(?:html|js|mjs|css|svg|json|txt|ico|webmanifest|wasm)$/;

const toBrotli = promisify(brotliCompress);
const toGzip = promisify(gzip);

async function compress(path: string): Promise<void> {
  const original = await readFile(path);
  const copies = await Promise.all([
    toBrotli(original, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      },
    }).then((bytes) => ({ suffix: '.br', bytes })),
    toGzip(original, { level: constants.Z_BEST_COMPRESSION }).then((bytes) => ({
      suffix: '.gz',
      bytes,
    })),
  ]);
  // A copy no smaller than the file is not worth a coding: the server then sends the file.
  const worth = copies.filter(({ bytes }) => bytes.length < original.length);
  await Promise.all(worth.map(({ suffix, bytes }) => writeFile(path + suffix, bytes)));
}

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, public files
 * included, at the strongest settings: paid once here, not on every request. The API sends the
 * copy a browser accepts (apps/api/src/web/serve-web.ts).
 */
export function precompress(): Plugin {
  return {
    name: 'signal-room:precompress',
    apply: 'build',
    async writeBundle({ dir }) {
      if (!dir) return;
      const paths = await readdir(dir, { recursive: true, encoding: 'utf8' });
      await Promise.all(
        paths.filter((path) => TEXT.test(path)).map((path) => compress(join(dir, path))),
      );
    },
  };
}
