// The web build resolves every `zod` import here (vite.config.mts), libs/protocol's included, so
// this runs before any schema is built. The page's Content-Security-Policy has no 'unsafe-eval':
// unless jitless, zod probes `new Function` as it builds object schemas, and the browser refuses
// the probe and reports a violation on every page load.
import { config } from 'zod/v4';

config({ jitless: true });

export * from 'zod/v4';
export { default } from 'zod/v4';
