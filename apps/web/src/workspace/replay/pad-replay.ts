import * as Y from 'yjs';
import type { LanguageId } from '../languages';
import { padCode, padLanguage } from '../pad-document';

/** One stored update of the pad, decoded. */
export interface ReplayUpdate {
  /** Epoch ms it was stored. */
  at: number;
  authorId: string;
  update: Uint8Array;
}

/** The pad as it stood after some number of its updates. */
export interface PadFrame {
  /** How many updates are in. */
  count: number;
  text: string;
  language: LanguageId;
}

/** Seeking back rebuilds from the nearest of these instead of from the first update. */
const CHECKPOINT_EVERY = 250;

/**
 * A shared document played back update by update: forward by applying the next updates to one
 * Y.Doc, back by rebuilding from a checkpoint of its state taken on the way.
 */
export class ReplayedDocument {
  private doc = new Y.Doc();
  private applied = 0;
  private readonly checkpoints = new Map<number, Uint8Array>([
    [0, Y.encodeStateAsUpdate(this.doc)],
  ]);

  constructor(readonly updates: readonly ReplayUpdate[]) {}

  /** The document after its first `count` updates (clamped), and that count. */
  after(count: number): { doc: Y.Doc; count: number } {
    const target = Math.max(0, Math.min(this.updates.length, Math.floor(count)));
    if (target < this.applied) this.rewind(target);
    for (; this.applied < target; this.applied += 1) {
      const next = this.updates[this.applied];
      if (next) Y.applyUpdate(this.doc, next.update);
      const reached = this.applied + 1;
      if (reached % CHECKPOINT_EVERY === 0 && !this.checkpoints.has(reached)) {
        this.checkpoints.set(reached, Y.encodeStateAsUpdate(this.doc));
      }
    }
    return { doc: this.doc, count: target };
  }

  private rewind(target: number): void {
    const from = Math.floor(target / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
    const checkpoint = this.checkpoints.get(from);
    this.doc.destroy();
    this.doc = new Y.Doc();
    // Checkpoints are taken on the way forward, so every one at or below `applied` exists.
    if (checkpoint) Y.applyUpdate(this.doc, checkpoint);
    this.applied = checkpoint ? from : 0;
  }
}

/** The pad played back: its text and language after some number of its updates. */
export class PadReplay {
  private readonly replayed: ReplayedDocument;

  constructor(updates: readonly ReplayUpdate[]) {
    this.replayed = new ReplayedDocument(updates);
  }

  /** The pad after its first `count` updates. */
  frameAt(count: number): PadFrame {
    const { doc, count: reached } = this.replayed.after(count);
    return { count: reached, text: padCode(doc).toString(), language: padLanguage(doc).id };
  }
}
