export * from './lib/protocol';
