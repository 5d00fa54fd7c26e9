interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Statements running at once; what arrives meanwhile waits for the next free one. */
  inFlight: number;
  /** The most items one statement carries. */
  maxItems: number;
  /**
   * Items answered in one turn of the event loop. Each answer runs its caller's follow-up at once
   * (for a room, publishing and acknowledging), so a large group answered in one go would hold
   * the loop, and every socket, for all of them.
   */
  answeredPerTurn: number;
}

/**
 * Gathers items submitted while earlier groups are being written into one call of `flush`, which
 * answers each item in order. There is no timer: an idle committer writes what arrived in the
 * same turn of the event loop (one socket read can hold many frames) at once, and a busy one
 * writes all that waited as soon as a statement returns, so the group grows with the load and
 * a lone item never waits. A failed flush fails each of its items, and only those.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.options.inFlight || this.waiting.length === 0) {
      return;
    }
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  private start(): void {
    while (this.running < this.options.inFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.options.maxItems);
      this.running += 1;
      this.flush(group.map((waiting) => waiting.item))
        .then(
          (results) => this.answer(group, results, 0),
          (error: unknown) => {
            for (const waiting of group) waiting.reject(error);
          },
        )
        .finally(() => {
          this.running -= 1;
          this.schedule();
        });
    }
  }

  /** Answers a group's items from `from` on, a turn of the event loop for each slice of them. */
  private answer(group: Waiting<T, R>[], results: R[], from: number): void {
    const to = Math.min(group.length, from + this.options.answeredPerTurn);
    for (let index = from; index < to; index += 1) {
      const waiting = group[index];
      const result = results[index];
      if (!waiting) continue;
      if (result === undefined) waiting.reject(new Error('a group commit lost an item'));
      else waiting.resolve(result);
    }
    if (to < group.length) setImmediate(() => this.answer(group, results, to));
  }
}
