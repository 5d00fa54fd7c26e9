import { Inject, Injectable } from '@nestjs/common';
import type { Decision, RoomEvent, RoomEventBody, RoomState } from '@signal-room/domain';
import { reduceAll, rewritesFeedback } from '@signal-room/domain';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import { AppException } from '../common/app-exception';
import { isTransient } from '../common/transient';
import type { AppConfig } from '../config';
import { writeFeedback } from '../feedback/write-feedback';
import { MetricsService } from '../observability/metrics.service';
import { GroupCommit } from '../common/group-commit';
import { RoomBroadcaster } from './room-broadcaster';
import type { AppendOutcome, LogBatch, SessionMirror } from './room-log.repository';
import { RoomLog } from './room-log.repository';

/** Room states kept in memory between commands; a miss only costs a read of the log. */
const CACHED_ROOMS = 2000;
/**
 * Group statements at once on PostgreSQL. While fewer run, a command goes to the database at once
 * (in a group of what arrived with it); once all are busy, what arrives waits and goes in the
 * next group, so a slower database gets bigger groups, not a longer queue. It leaves most of the
 * pool (20) to joins and reads, which never queue behind commands for a connection.
 */
const GROUP_COMMITS_IN_FLIGHT = 8;
/** The most rooms one statement carries, which bounds its size. */
const MAX_GROUP = 500;
/** Rooms whose commits are published and acknowledged in one turn of the event loop. */
const ANSWERED_PER_TURN = 20;

export interface Planning {
  state: RoomState;
  manager: EntityManager;
  now: number;
}

export interface WriteRequest {
  sessionId: string;
  actorId: string;
  /** A command's id, which makes its retries answer what it did; null for the server's own. */
  clientEventId: string | null;
  plan: (planning: Planning) => Promise<Decision<RoomEventBody[]>>;
  /**
   * The plan writes too (a linked round, a removal): it is then always planned under the session
   * lock, in the transaction its events commit in, so both happen or neither.
   */
  writesInPlan?: boolean;
}

export interface Written {
  /** The seq the command's ack carries: that of its last event, or of the room if none. */
  seq: number;
  duplicate: boolean;
  before: RoomState;
  after: RoomState;
  events: RoomEvent[];
}

/** When the running timer of a room runs out, as the deadline column stores it. */
function deadlineOf(state: RoomState): number | null {
  const { timer } = state;
  if (state.status !== 'live' || timer.runningSince === null) return null;
  return timer.runningSince + timer.durationMs - timer.elapsedMs;
}

/** What the session row mirrors of the room, when a batch changes it. */
function mirrorOf(before: RoomState, after: RoomState): SessionMirror | null {
  const mirror = { status: after.status, deadlineAt: deadlineOf(after), endedAt: after.endedAt };
  const unchanged =
    mirror.status === before.status &&
    mirror.deadlineAt === deadlineOf(before) &&
    mirror.endedAt === before.endedAt;
  return unchanged ? null : mirror;
}

/** Thrown inside the locked transaction to roll back the plan's writes when a retry repeats. */
class Repeat {
  constructor(readonly seq: number) {}
}

/**
 * The one write path of a room. This node writes a room's batches one at a time (and sends each
 * before the next is planned, so its members get them in seq order); batches of different rooms
 * are committed together (GroupCommit, RoomLog.append). The first try is planned on the cached
 * state. If another node wrote first, it collides on the log's (session, seq) key; it is then
 * tried again with the session row locked and the state read under the lock. Every append takes
 * that lock, so that second try cannot lose again, however busy the room. Batches that write
 * beside the log (feedback, a linked round, a removal) are always made that second way, in one
 * transaction with their events.
 */
@Injectable()
export class RoomWriter {
  private readonly cache = new Map<string, RoomState>();
  /** Per room, the tail of this node's line of writes. */
  private readonly lines = new Map<string, Promise<void>>();
  private readonly group: GroupCommit<LogBatch, AppendOutcome>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: RoomLog,
    private readonly broadcaster: RoomBroadcaster,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.group = new GroupCommit((batches) => this.appendGroup(batches), {
      // The embedded database has one connection: a second statement would only queue for it.
      inFlight: config.database.kind === 'embedded' ? 1 : GROUP_COMMITS_IN_FLIGHT,
      maxItems: MAX_GROUP,
      answeredPerTurn: ANSWERED_PER_TURN,
    });
  }

  /** The room as this node last wrote or read it, if it still holds it. */
  cached(sessionId: string): RoomState | undefined {
    return this.cache.get(sessionId);
  }

  /**
   * The room as it stands now: what this node holds with the events appended since (by any
   * node), read from the log only past that point; the whole log when it holds nothing.
   */
  async current(sessionId: string): Promise<RoomState> {
    const cached = this.cache.get(sessionId);
    if (!cached) return this.stateOf(sessionId);
    return reduceAll(cached, await this.log.since(this.dataSource.manager, sessionId, cached.seq));
  }

  write(request: WriteRequest): Promise<Written> {
    return this.inLine(request.sessionId, async () => {
      try {
        const cached = this.cache.get(request.sessionId);
        const first =
          cached && !request.writesInPlan ? await this.optimistic(cached, request) : 'locked';
        const written = first === 'locked' ? await this.locked(cached, request) : first;
        // Kept even when nothing was written: a state read under the lock is current.
        this.remember(written.after);
        if (written.events.length > 0) {
          this.broadcaster.publish(written.before, written.after, written.events);
        }
        return written;
      } catch (error) {
        if (error instanceof AppException) throw error;
        if (isTransient(error)) {
          throw new AppException(
            'UNAVAILABLE',
            'The database is unavailable; retry the same command.',
          );
        }
        throw error;
      }
    });
  }

  /** The room as it stands in the log, read without the cache. */
  private async stateOf(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RoomState> {
    const { initial, events } = await this.log.read(sessionId, manager);
    return reduceAll(initial, events);
  }

  /** The try on the cached state, grouped with other rooms': 'locked' when it must be redone. */
  private async optimistic(before: RoomState, request: WriteRequest): Promise<Written | 'locked'> {
    const manager = this.dataSource.manager;
    const now = Date.now();
    const decision = await request.plan({ state: before, manager, now });
    if (!decision.ok || decision.value.length === 0) {
      // Nothing to write, so no collision tells whether the state was current: ask.
      if ((await this.log.latestSeq(manager, before.sessionId)) !== before.seq) return 'locked';
      return this.unwritten(before, decision, manager, request);
    }
    const planned = planBatch(before, decision.value, request, now);
    if (rewritesFeedback(planned.after, planned.events)) return 'locked';
    const outcome = await this.group.submit(planned.batch);
    if (outcome.kind === 'appended') return planned.written;
    return outcome.kind === 'duplicate' ? repeated(before, outcome.seq) : 'locked';
  }

  /** The try under the session row lock, on the state read under it: it cannot collide on seq. */
  private async locked(cached: RoomState | undefined, request: WriteRequest): Promise<Written> {
    const { sessionId } = request;
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.log.lock(manager, sessionId);
        const before = cached
          ? reduceAll(cached, await this.log.since(manager, sessionId, cached.seq))
          : await this.stateOf(sessionId, manager);
        const now = Date.now();
        const decision = await request.plan({ state: before, manager, now });
        if (!decision.ok || decision.value.length === 0) {
          return this.unwritten(before, decision, manager, request);
        }
        const planned = planBatch(before, decision.value, request, now);
        const outcome = (await this.log.append([planned.batch], manager)).get(sessionId);
        if (outcome?.kind === 'duplicate') throw new Repeat(outcome.seq);
        if (outcome?.kind !== 'appended') {
          throw new Error('a write under the session lock collided');
        }
        if (rewritesFeedback(planned.after, planned.events)) {
          await writeFeedback(manager, planned.after, now);
        }
        return planned.written;
      });
    } catch (error) {
      if (!(error instanceof Repeat)) throw error;
      return repeated(cached ?? (await this.stateOf(sessionId)), error.seq);
    }
  }

  /**
   * A plan that writes nothing, on a state known to be current: accepted with no events, or
   * refused. A refused retry of a command that changed the room (a second start) is its repeat.
   */
  private async unwritten(
    before: RoomState,
    decision: Decision<RoomEventBody[]>,
    manager: EntityManager,
    request: WriteRequest,
  ): Promise<Written> {
    if (decision.ok)
      return { seq: before.seq, duplicate: false, before, after: before, events: [] };
    const seq = await this.log.seqOfCommand(manager, before.sessionId, request.clientEventId);
    if (seq !== null) return repeated(before, seq);
    throw new AppException(decision.error.code, decision.error.message);
  }

  private async appendGroup(batches: LogBatch[]): Promise<AppendOutcome[]> {
    this.metrics.groupCommitted(batches.length);
    const outcomes = await this.log.append(batches);
    return batches.map((batch) => outcomes.get(batch.sessionId) ?? { kind: 'stale' });
  }

  private remember(state: RoomState): void {
    this.cache.delete(state.sessionId);
    this.cache.set(state.sessionId, state);
    if (this.cache.size > CACHED_ROOMS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  /** Runs a room's writes on this node one after another, in the order they came. */
  private inLine<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.lines.get(sessionId) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.lines.set(sessionId, tail);
    void tail.then(() => {
      if (this.lines.get(sessionId) === tail) this.lines.delete(sessionId);
    });
    return result;
  }
}

const repeated = (state: RoomState, seq: number): Written => ({
  seq,
  duplicate: true,
  before: state,
  after: state,
  events: [],
});

/** The events a decision makes on `before`, stamped, with the batch that appends them. */
function planBatch(
  before: RoomState,
  bodies: readonly RoomEventBody[],
  request: WriteRequest,
  now: number,
): { batch: LogBatch; after: RoomState; events: RoomEvent[]; written: Written } {
  const events = bodies.map(
    (body, index) =>
      ({ ...body, seq: before.seq + index + 1, actorId: request.actorId, at: now }) as RoomEvent,
  );
  const after = reduceAll(before, events);
  return {
    batch: {
      sessionId: before.sessionId,
      actorId: request.actorId,
      clientEventId: request.clientEventId,
      at: now,
      events,
      mirror: mirrorOf(before, after),
    },
    after,
    events,
    written: { seq: after.seq, duplicate: false, before, after, events },
  };
}
