import { randomUUID } from 'node:crypto';
import {
  MAX_AWARENESS_BYTES,
  MAX_DOCUMENT_PART_BYTES,
  documentAwarenessSchema,
  documentOpenSchema,
  documentUpdateSchema,
} from './documents';

const sessionId = randomUUID();
const update = (bytes: number, part?: { index: number; count: number }) => ({
  sessionId,
  documentId: 'pad',
  clientUpdateId: randomUUID(),
  update: Buffer.alloc(bytes, 1),
  ...(part ? { part } : {}),
});

describe('document messages', () => {
  it('take bytes as Node and browsers receive them, as a Uint8Array', () => {
    for (const stateVector of [Buffer.from([0]), new Uint8Array([0]), new ArrayBuffer(1)]) {
      const parsed = documentOpenSchema.parse({ sessionId, documentId: 'scratch', stateVector });
      expect(parsed.stateVector).toBeInstanceOf(Uint8Array);
      expect(parsed.stateVector.byteLength).toBe(1);
    }
  });

  it('refuse bytes given as anything else, and documents nobody defined', () => {
    expect(
      documentOpenSchema.safeParse({ sessionId, documentId: 'pad', stateVector: [0] }).success,
    ).toBe(false);
    expect(
      documentOpenSchema.safeParse({
        sessionId,
        documentId: 'slides',
        stateVector: Buffer.alloc(1),
      }).success,
    ).toBe(false);
  });

  it('cap an update at one part of 64 KiB', () => {
    expect(documentUpdateSchema.safeParse(update(MAX_DOCUMENT_PART_BYTES)).success).toBe(true);
    expect(documentUpdateSchema.safeParse(update(MAX_DOCUMENT_PART_BYTES + 1)).success).toBe(false);
  });

  it('number the parts of a larger update within their count', () => {
    expect(documentUpdateSchema.safeParse(update(10, { index: 3, count: 4 })).success).toBe(true);
    expect(documentUpdateSchema.safeParse(update(10, { index: 4, count: 4 })).success).toBe(false);
    expect(documentUpdateSchema.safeParse(update(10, { index: 0, count: 1 })).success).toBe(false);
    expect(documentUpdateSchema.safeParse(update(10, { index: 0, count: 33 })).success).toBe(false);
  });

  it('keep awareness small and refuse unknown keys', () => {
    const awareness = {
      sessionId,
      documentId: 'pad',
      update: Buffer.alloc(MAX_AWARENESS_BYTES + 1),
    };
    expect(documentAwarenessSchema.safeParse(awareness).success).toBe(false);
    expect(
      documentAwarenessSchema.safeParse({ ...awareness, update: Buffer.alloc(8), extra: 1 })
        .success,
    ).toBe(false);
  });
});
