export * from './lib/errors';
export * from './lib/values';
export * from './lib/catalog';
export * from './lib/accounts';
export * from './lib/sessions';
export * from './lib/room';
export * from './lib/history';
export * from './lib/audit';
