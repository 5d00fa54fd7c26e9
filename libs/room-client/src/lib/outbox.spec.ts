import { describe, expect, it } from '@jest/globals';
import type { QueuedCommand } from './outbox';
import { Outbox, memoryStorage, parseOutbox } from './outbox';

const ID = '33333333-3333-4333-8333-333333333333';
const OTHER = '44444444-4444-4444-8444-444444444444';

const score: QueuedCommand = {
  clientEventId: ID,
  type: 'score.set',
  payload: { signal: 'coding', score: 4 },
  queuedAt: 5,
};

describe('the outbox', () => {
  it('keeps what it holds in its storage, in order, and empties the storage when sent', () => {
    const storage = memoryStorage();
    const outbox = new Outbox(storage);
    const note: QueuedCommand = {
      clientEventId: OTHER,
      type: 'evidence.add',
      payload: { signal: 'framing', polarity: 'strong', note: 'Named the load' },
      queuedAt: 6,
    };
    outbox.add(score);
    outbox.add(note);
    expect(new Outbox(storage).items).toEqual([score, note]);
    outbox.remove(score);
    expect(new Outbox(storage).items).toEqual([note]);
    outbox.remove(note);
    expect(storage.load()).toBeNull();
  });

  it('takes out one entry of a command queued twice with the same id', () => {
    const outbox = new Outbox(memoryStorage());
    const again = { ...score };
    outbox.add(score);
    outbox.add(again);
    outbox.remove(score);
    expect(outbox.items).toEqual([again]);
    expect(outbox.items[0]).toBe(again);
  });

  it('drops stored entries the server would refuse, and keeps the rest in order', () => {
    const stored = JSON.stringify([
      score,
      { ...score, clientEventId: 'not-a-uuid' },
      { ...score, type: 'score.explode' },
      { ...score, payload: { signal: 'coding', score: 9 } },
      { ...score, clientEventId: OTHER, type: 'score.clear', payload: { signal: 'coding' } },
      null,
      'text',
    ]);
    expect(parseOutbox(stored)).toEqual([
      score,
      { ...score, clientEventId: OTHER, type: 'score.clear', payload: { signal: 'coding' } },
    ]);
  });

  it('reads storage that is not an outbox at all as an empty one', () => {
    expect(parseOutbox('{not json')).toEqual([]);
    expect(parseOutbox('{"a":1}')).toEqual([]);
    expect(parseOutbox(null)).toEqual([]);
  });
});
