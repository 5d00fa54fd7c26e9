import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { nxViteTsPaths } from '@nx/vite/plugins/nx-tsconfig-paths.plugin';
import { excalidrawAssets } from './excalidraw-assets.mts';
import { precompress } from './precompress.mts';

// In development the API runs separately; in production it serves this app on the same origin.
const apiOrigin = process.env['API_ORIGIN'] ?? 'http://localhost:3000';

export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/web',
  server: {
    port: 4200,
    host: 'localhost',
    proxy: {
      '/api': { target: apiOrigin, changeOrigin: true },
      '/socket.io': { target: apiOrigin, changeOrigin: true, ws: true },
    },
  },
  preview: {
    port: 4300,
    host: 'localhost',
  },
  plugins: [react(), nxViteTsPaths(), excalidrawAssets(), precompress()],
  // zod through src/zod.ts, which turns its eval probe off first (the page's CSP forbids eval).
  resolve: { alias: [{ find: /^zod$/, replacement: resolve(import.meta.dirname, 'src/zod.ts') }] },
  // Pre-bundled up front: found late (it loads with lazy pages), it can pull in a second React.
  optimizeDeps: { include: ['recharts'] },
  // Runtime workers are started from blob: URLs inside the sandboxed runner frame, which has an
  // opaque origin: Chromium will not start a module worker there, and no sibling chunk could
  // be imported, so each worker is one classic script.
  worker: { format: 'iife' as const, rolldownOptions: { output: { codeSplitting: false } } },
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
    reportCompressedSize: true,
    commonjsOptions: {
      transformMixedEsModules: true,
    },
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        // Nothing mounts the run panel until the room has its code pad; built as an entry of its own
        // (never loaded by index.html) so the e2e suite can drive the runner in the built app.
        runner: resolve(import.meta.dirname, 'src/workspace/runner/run-code.ts'),
      },
      // …with its exports kept, which an app build would otherwise drop as unused.
      preserveEntrySignatures: 'exports-only' as const,
      // Our libraries are pure modules: what a page does not use (the prompt bank, the feedback
      // builder…) can be left out of its bundle.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]libs[\\/]/.test(id) },
    },
  },
}));
