/** One cut of the microphone, kept in memory until the server has stored it. */
export interface PendingChunk {
  index: number;
  blob: Blob;
  /** Server epoch ms at which it began, as this browser reads the server's clock. */
  startedAt: number;
  durationMs: number;
}

export interface UploadStatus {
  /** Chunks cut but not yet stored. */
  pending: number;
  /** Why the server refused to store more, for good (no consent, a limit); null while it takes them. */
  refused: string | null;
}

export interface UploaderPorts {
  send(chunk: PendingChunk): Promise<void>;
  /** The indexes the server holds of this track. */
  stored(): Promise<number[]>;
  /** Whether a failed send is worth trying again (the network, a busy server). */
  retryable(error: unknown): boolean;
  wait(ms: number): Promise<void>;
  onChange(status: UploadStatus): void;
}

const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 30_000;

/** Waits after the nth failure in a row: doubling from a second to half a minute, with jitter. */
export const backoffMs = (failures: number, random = Math.random): number =>
  Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1)) *
  (0.75 + random() / 2);

/**
 * Uploads a track's chunks in order as they are cut, and keeps every chunk not yet stored. A
 * failed send is retried with backoff; before each retry it asks which chunks the server already
 * holds (an answer lost on the way is a chunk stored), and resends only the rest. A resend the
 * server has is answered as stored, so nothing is kept twice.
 */
export class ChunkUploader {
  private readonly pending = new Map<number, PendingChunk>();
  private draining = false;
  private refused: string | null = null;

  constructor(private readonly ports: UploaderPorts) {}

  add(chunk: PendingChunk): void {
    if (this.refused) return;
    this.pending.set(chunk.index, chunk);
    this.changed();
    void this.drain();
  }

  /** Tries again now, as after the network comes back. */
  resume(): void {
    void this.drain();
  }

  get status(): UploadStatus {
    return { pending: this.pending.size, refused: this.refused };
  }

  private changed(): void {
    this.ports.onChange(this.status);
  }

  private next(): PendingChunk | undefined {
    let first: PendingChunk | undefined;
    for (const chunk of this.pending.values()) {
      if (!first || chunk.index < first.index) first = chunk;
    }
    return first;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    let failures = 0;
    try {
      for (let chunk = this.next(); chunk && !this.refused; chunk = this.next()) {
        try {
          await this.ports.send(chunk);
          this.pending.delete(chunk.index);
          failures = 0;
        } catch (error) {
          if (!this.ports.retryable(error)) {
            this.refused = error instanceof Error ? error.message : String(error);
            this.pending.clear();
          } else {
            failures += 1;
            await this.ports.wait(backoffMs(failures));
            await this.forgetStored();
          }
        }
        this.changed();
      }
    } finally {
      this.draining = false;
    }
  }

  private async forgetStored(): Promise<void> {
    try {
      for (const index of await this.ports.stored()) this.pending.delete(index);
    } catch {
      // Still unreachable: the next send finds out, and waits longer.
    }
  }
}
