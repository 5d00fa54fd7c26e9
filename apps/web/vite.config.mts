import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { nxViteTsPaths } from '@nx/vite/plugins/nx-tsconfig-paths.plugin';
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
  plugins: [react(), nxViteTsPaths(), precompress()],
  // zod through src/zod.ts, which turns its eval probe off first (the page's CSP forbids eval).
  resolve: { alias: [{ find: /^zod$/, replacement: resolve(import.meta.dirname, 'src/zod.ts') }] },
  // Pre-bundled up front: found late (it loads with lazy pages), it can pull in a second React.
  optimizeDeps: { include: ['recharts'] },
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
    reportCompressedSize: true,
    commonjsOptions: {
      transformMixedEsModules: true,
    },
    rollupOptions: {
      // Our libraries are pure modules: what a page does not use (the prompt bank, the feedback
      // builder…) can be left out of its bundle.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]libs[\\/]/.test(id) },
    },
  },
}));
