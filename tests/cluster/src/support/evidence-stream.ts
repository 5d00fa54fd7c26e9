import { randomUUID } from 'node:crypto';
import type { Polarity, RoomEvent, RoomState } from '@signal-room/domain';
import type { ApiNode } from './api-node';
import { roomView, timeline } from './cluster';
import { sleep, waitUntil } from './processes';
import type { Room, Seat } from './room';
import type { ClusterClient, Sent } from './room-client';

export interface Acked extends Sent {
  note: string;
}

/**
 * A scorer writing evidence as fast as a few tabs would: `count` evidence.add commands with
 * distinct notes, `concurrency` in flight at once, each with its own clientEventId kept across
 * its retries. The ledger says which were acknowledged, when, and after what failures.
 */
export class EvidenceStream {
  readonly acked = new Map<string, Acked>();
  private readonly intents: { clientEventId: string; note: string; polarity: Polarity }[];

  constructor(
    private readonly client: ClusterClient,
    label: string,
    count: number,
    private readonly options: { concurrency: number; pauseMs?: number },
  ) {
    this.intents = Array.from({ length: count }, (_, index) => ({
      clientEventId: randomUUID(),
      note: `${label} #${String(index + 1).padStart(3, '0')} ${randomUUID().slice(0, 8)}`,
      polarity: index % 2 ? 'weak' : 'strong',
    }));
  }

  get notes(): string[] {
    return this.intents.map((intent) => intent.note);
  }

  /** Sends every intent; rejects on the first refusal that retrying cannot fix. */
  async run(): Promise<void> {
    let next = 0;
    const worker = async () => {
      for (;;) {
        const intent = this.intents[next];
        next += 1;
        if (!intent) return;
        const sent = await this.client.send(
          'evidence.add',
          { signal: 'framing', polarity: intent.polarity, note: intent.note },
          intent.clientEventId,
        );
        this.acked.set(intent.clientEventId, { ...sent, note: intent.note });
        if (this.options.pauseMs) await sleep(this.options.pauseMs);
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
  }

  /** Resolves once `count` commands are acknowledged. */
  async ackedAtLeast(count: number): Promise<void> {
    await waitUntil(`${count} acks`, () => this.acked.size >= count, 30_000, 5);
  }
}

export interface StreamFigures {
  /** Acknowledged before `at`, after it, and after it by the node named (if any). */
  before: number;
  after: number;
  afterBy: number;
  /** Commands that needed more than one attempt, and every failed attempt by its cause. */
  retried: number;
  failures: Record<string, number>;
  /** Retries answered `duplicate: true`: the first attempt had committed, its ack was lost. */
  duplicateAcks: number;
}

/** What the streams went through around a moment (a fault), as counts. */
export function figures(
  streams: readonly EvidenceStream[],
  at: number,
  node?: string,
): StreamFigures {
  const result: StreamFigures = {
    before: 0,
    after: 0,
    afterBy: 0,
    retried: 0,
    failures: {},
    duplicateAcks: 0,
  };
  for (const acked of streams.flatMap((stream) => [...stream.acked.values()])) {
    if (acked.ackedAt < at) result.before += 1;
    else result.after += 1;
    if (acked.ackedAt >= at && acked.node === node) result.afterBy += 1;
    if (acked.failures.length) result.retried += 1;
    if (acked.ack.duplicate) result.duplicateAcks += 1;
    for (const failure of acked.failures)
      result.failures[failure] = (result.failures[failure] ?? 0) + 1;
  }
  return result;
}

/** How many times each text occurs: a note applied twice counts 2, a lost one 0. */
function countNotes(notes: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const note of notes) counts.set(note, (counts.get(note) ?? 0) + 1);
  return counts;
}

/** The notes of one scorer's evidence in a room view. */
const evidenceNotes = (view: RoomState, authorId: string): string[] =>
  (view.scorecards[authorId]?.evidence ?? []).map((evidence) => evidence.note);

/** The notes of one scorer's evidence.added events in a timeline. */
const addedNotes = (events: readonly RoomEvent[], authorId: string): string[] =>
  events.flatMap((event) =>
    event.type === 'evidence.added' && event.actorId === authorId
      ? [event.payload.evidence.note]
      : [],
  );

/**
 * Lost: acknowledged but absent. Duplicated: present more than once. Both are counted in the
 * view (the folded state) and in the log (the events), which could disagree.
 */
function audit(
  stream: EvidenceStream,
  inView: readonly string[],
  inLog: readonly string[],
): { acked: number; lost: number; duplicates: number } {
  const view = countNotes(inView);
  const log = countNotes(inLog);
  const acked = [...stream.acked.values()].map((entry) => entry.note);
  let lost = 0;
  let duplicates = 0;
  for (const note of acked) {
    if (!view.get(note) || !log.get(note)) lost += 1;
    duplicates += Math.max(0, (view.get(note) ?? 0) - 1) + Math.max(0, (log.get(note) ?? 0) - 1);
  }
  return { acked: acked.length, lost, duplicates };
}

/**
 * Each scorer's stream against what `node` serves them (GET /room and /timeline): every note
 * acknowledged, each present exactly once in the scorecard and in the log, and nothing else.
 */
export async function auditStreams(
  room: Room,
  node: ApiNode,
  streams: Partial<Record<'interviewer' | 'observer', EvidenceStream>>,
): Promise<{ acked: number; lost: number; duplicates: number }> {
  const total = { acked: 0, lost: 0, duplicates: 0 };
  for (const [seat, stream] of Object.entries(streams) as [Seat, EvidenceStream][]) {
    const { token, user } = room.cast[seat];
    const inView = evidenceNotes(await roomView(node, room.sessionId, token), user.id);
    const inLog = addedNotes(await timeline(node, room.sessionId, token), user.id);
    const result = audit(stream, inView, inLog);
    expect({ seat, ...result, inView: inView.length, inLog: inLog.length }).toEqual({
      seat,
      acked: stream.notes.length,
      lost: 0,
      duplicates: 0,
      inView: stream.notes.length,
      inLog: stream.notes.length,
    });
    total.acked += result.acked;
    total.lost += result.lost;
    total.duplicates += result.duplicates;
  }
  return total;
}
