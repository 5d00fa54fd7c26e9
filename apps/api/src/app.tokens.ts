/** The loaded AppConfig, for providers that need it. */
export const APP_CONFIG = Symbol('APP_CONFIG');
