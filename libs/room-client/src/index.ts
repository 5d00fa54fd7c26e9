export * from './lib/outbox';
export * from './lib/optimistic';
export * from './lib/room-channel';
export * from './lib/room-client';
export * from './lib/document-channel';
export * from './lib/call-channel';
