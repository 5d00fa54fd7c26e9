/** The loaded AppConfig, for providers that need it. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Every HTTP route, and the API document's paths, sit under /api. */
export const API_PREFIX = 'api';
