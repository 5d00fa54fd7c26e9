/** Output past this many characters is dropped: a print in a loop must not fill the tab. */
export const OUTPUT_LIMIT = 64 * 1024;

export const CUT_NOTE = '\n… output cut at 64 KB';

/** Output as it is written, kept to {@link OUTPUT_LIMIT} characters with a note once cut. */
export class CappedOutput {
  private text = '';
  private cut = false;

  constructor(private readonly limit = OUTPUT_LIMIT) {}

  /** Adds what was written; false once the limit is reached, so a writer may stop sending. */
  append(chunk: string): boolean {
    if (this.cut) return false;
    const room = this.limit - this.text.length;
    if (chunk.length > room) {
      this.text += chunk.slice(0, room);
      this.cut = true;
      return false;
    }
    this.text += chunk;
    return true;
  }

  get full(): boolean {
    return this.cut;
  }

  toString(): string {
    return this.cut ? this.text + CUT_NOTE : this.text;
  }
}
