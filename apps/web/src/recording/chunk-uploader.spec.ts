import { describe, expect, it } from '@jest/globals';
import type { PendingChunk, UploaderPorts } from './chunk-uploader';
import { ChunkUploader, backoffMs } from './chunk-uploader';

const chunk = (index: number): PendingChunk => ({
  index,
  blob: new Blob([`chunk ${index}`]),
  startedAt: 1_000 + index * 5_000,
  durationMs: 5_000,
});

class Refusal extends Error {}

/** A server that stores what it is sent, and a network the test can cut. */
function harness() {
  const held = new Set<number>();
  const sent: number[] = [];
  const waits: number[] = [];
  let online = true;
  let loseAnswers = false;
  let refuse = false;
  let settle: () => void = () => undefined;
  let idle = Promise.resolve();
  const ports: UploaderPorts = {
    send: (pending) => {
      sent.push(pending.index);
      if (refuse) return Promise.reject(new Refusal('No consent'));
      if (!online) return Promise.reject(new Error('offline'));
      held.add(pending.index);
      return loseAnswers ? Promise.reject(new Error('answer lost')) : Promise.resolve();
    },
    stored: () => (online ? Promise.resolve([...held]) : Promise.reject(new Error('offline'))),
    retryable: (error) => !(error instanceof Refusal),
    wait: (ms) => {
      waits.push(ms);
      // Reconnect while the uploader waits, as a network that comes back would.
      if (waits.length >= 3) online = true;
      loseAnswers = false;
      return Promise.resolve();
    },
    onChange: (status) => {
      if (status.pending === 0 || status.refused) settle();
    },
  };
  const uploader = new ChunkUploader(ports);
  const settled = () => {
    idle = new Promise((resolve) => (settle = resolve));
    return idle;
  };
  return {
    uploader,
    held,
    sent,
    waits,
    cut: () => (online = false),
    loseAnswers: () => (loseAnswers = true),
    refuse: () => (refuse = true),
    settled,
  };
}

describe('ChunkUploader', () => {
  it('sends each chunk in order as it is cut', async () => {
    const h = harness();
    const done = h.settled();
    for (const index of [0, 1, 2]) h.uploader.add(chunk(index));
    await done;
    expect(h.sent).toEqual([0, 1, 2]);
    expect(h.uploader.status).toEqual({ pending: 0, refused: null });
  });

  it('keeps what a disconnect left unsent, backs off, and resends only what the server lacks', async () => {
    const h = harness();
    const first = h.settled();
    h.uploader.add(chunk(0));
    await first;
    h.cut();
    const after = h.settled();
    h.uploader.add(chunk(1));
    h.uploader.add(chunk(2));
    await after;
    expect([...h.held].sort()).toEqual([0, 1, 2]);
    expect(h.waits.length).toBeGreaterThanOrEqual(3);
    expect(h.waits[1]).toBeGreaterThan(h.waits[0] ?? Infinity);
  });

  it('does not resend a chunk whose answer was lost once the server says it holds it', async () => {
    const h = harness();
    h.loseAnswers();
    const done = h.settled();
    h.uploader.add(chunk(0));
    await done;
    expect(h.sent).toEqual([0]);
    expect(h.uploader.status.pending).toBe(0);
  });

  it('stops for good on a refusal, and says why', async () => {
    const h = harness();
    h.refuse();
    const done = h.settled();
    h.uploader.add(chunk(0));
    await done;
    expect(h.uploader.status).toEqual({ pending: 0, refused: 'No consent' });
    h.uploader.add(chunk(1));
    expect(h.sent).toEqual([0]);
  });

  it('waits from about a second, doubling, to half a minute at most', () => {
    expect(backoffMs(1, () => 0.5)).toBe(1000);
    expect(backoffMs(3, () => 0.5)).toBe(4000);
    expect(backoffMs(20, () => 0.5)).toBe(30_000);
  });
});
