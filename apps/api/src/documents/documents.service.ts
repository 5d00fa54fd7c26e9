import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DocumentAccess, DocumentId, Role, WorkspaceSettings } from '@signal-room/domain';
import type { DocumentReplay } from '@signal-room/protocol';
import { documentAccess } from '@signal-room/domain';
import * as Y from 'yjs';
import { APP_CONFIG } from '../app.tokens';
import { AppException } from '../common/app-exception';
import { GroupCommit } from '../common/group-commit';
import type { AppConfig } from '../config';
import { RoomsService } from '../rooms/rooms.service';
import type { NewDocumentUpdate } from './document-updates.repository';
import { DocumentUpdatesRepository } from './document-updates.repository';

/** Updates stored after a document's snapshot before it is merged into a new one. */
export const COMPACT_AFTER_UPDATES = 500;
/** Rows one insert carries; more wait for the next. */
const MAX_GROUP = 200;
const GROUP_COMMITS_IN_FLIGHT = 4;
/** Round starts remembered; a node that outgrows it forgets them all and asks again. */
const MAX_REMEMBERED_STARTS = 10_000;

export interface OpenedDocument {
  access: DocumentAccess;
  /** What the client lacks, from what is stored. */
  update: Uint8Array;
  /** What the server holds: the client sends what is missing from it. */
  stateVector: Uint8Array;
}

/** One Yjs update to store, from the person who sent it. */
export type IncomingUpdate = Omit<NewDocumentUpdate, 'offsetMs'>;

const documentKey = (sessionId: string, documentId: DocumentId) => `${sessionId}:${documentId}`;

/**
 * A session's shared documents: what a participant may open, the state a late joiner gets (built
 * from what is stored), and the writer that batches every update into one insert, answering
 * each only once it is committed.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('documents');
  private readonly writer: GroupCommit<NewDocumentUpdate, boolean>;
  private readonly startedAt = new Map<string, number>();
  /** Per document, updates this node stored since it last asked for a compaction. */
  private readonly sinceCompaction = new Map<string, number>();

  constructor(
    private readonly repository: DocumentUpdatesRepository,
    private readonly rooms: RoomsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The same committer as the room log: no timer, so a lone keystroke is written at once and
    // under load each insert carries whatever arrived while the previous one ran.
    this.writer = new GroupCommit((rows) => this.repository.append(rows), {
      // The embedded database has one connection: a second statement would only queue for it.
      inFlight: config.database.kind === 'embedded' ? 1 : GROUP_COMMITS_IN_FLIGHT,
      maxItems: MAX_GROUP,
      answeredPerTurn: MAX_GROUP,
    });
  }

  /** The participant's role, refused for anyone else (SESSION_NOT_FOUND, NOT_A_PARTICIPANT). */
  roleOf(sessionId: string, userId: string): Promise<Role> {
    return this.rooms.roleOf(sessionId, userId);
  }

  /**
   * How the room's workspace is set now, which narrows who may write what, and the name the room
   * knows the person by, which their cursor must carry.
   */
  async seatOf(
    sessionId: string,
    userId: string,
  ): Promise<{ settings: WorkspaceSettings; name: string | null }> {
    const state = await this.rooms.current(sessionId);
    return { settings: state.workspace, name: state.participants[userId]?.displayName ?? null };
  }

  /** What `role` may do with the document; a document kept from them is refused outright. */
  accessOf(documentId: DocumentId, role: Role, settings?: WorkspaceSettings): DocumentAccess {
    const access = documentAccess(documentId, role, settings);
    if (access === null) {
      throw new AppException('FORBIDDEN_ROLE', `The ${role} may not open the ${documentId}.`);
    }
    return access;
  }

  /** The document as stored, answered against the client's state vector. */
  async open(
    sessionId: string,
    documentId: DocumentId,
    access: DocumentAccess,
    clientStateVector: Uint8Array,
  ): Promise<OpenedDocument> {
    const stored = await this.repository.read(sessionId, documentId);
    const merged = Y.mergeUpdates(stored.parts);
    if (stored.tail >= COMPACT_AFTER_UPDATES) this.compact(sessionId, documentId);
    return {
      access,
      update: Y.diffUpdate(merged, clientStateVector),
      stateVector: Y.encodeStateVectorFromUpdate(merged),
    };
  }

  /** The document as stored now, for what is built from its content (the export, the sheet). */
  async current(sessionId: string, documentId: DocumentId): Promise<Y.Doc> {
    const stored = await this.repository.read(sessionId, documentId);
    const doc = new Y.Doc();
    if (stored.parts.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored.parts));
    return doc;
  }

  /** Every stored update of a document the participant may open, for the replay. */
  async replay(sessionId: string, documentId: DocumentId, userId: string): Promise<DocumentReplay> {
    this.accessOf(documentId, await this.roleOf(sessionId, userId));
    const updates = await this.repository.history(sessionId, documentId);
    return {
      sessionId,
      documentId,
      updates: updates.map(({ at, authorId, update }) => ({
        at,
        authorId,
        update: Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('base64'),
      })),
    };
  }

  /** Stores an update; resolves once committed, with false if it was stored before (a retry). */
  async store(update: IncomingUpdate): Promise<boolean> {
    const offsetMs = await this.offsetOf(update.sessionId);
    const fresh = await this.writer.submit({ ...update, offsetMs });
    if (fresh) this.counted(update.sessionId, update.documentId);
    return fresh;
  }

  /** Wall-clock ms since the round's first timer start, so replay and evidence share a clock. */
  private async offsetOf(sessionId: string): Promise<number | null> {
    let startedAt = this.startedAt.get(sessionId);
    if (startedAt === undefined) {
      const found = await this.rooms.roundStartedAt(sessionId);
      if (found === null) return null;
      if (this.startedAt.size >= MAX_REMEMBERED_STARTS) this.startedAt.clear();
      this.startedAt.set(sessionId, (startedAt = found));
    }
    return Math.max(0, Date.now() - startedAt);
  }

  private counted(sessionId: string, documentId: DocumentId): void {
    const key = documentKey(sessionId, documentId);
    const count = (this.sinceCompaction.get(key) ?? 0) + 1;
    if (count < COMPACT_AFTER_UPDATES) {
      this.sinceCompaction.set(key, count);
      return;
    }
    this.sinceCompaction.delete(key);
    this.compact(sessionId, documentId);
  }

  /** In the background: a late joiner reads the tail whole until it is done, so nothing waits. */
  private compact(sessionId: string, documentId: DocumentId): void {
    this.repository
      .compact(sessionId, documentId, COMPACT_AFTER_UPDATES, (parts) => Y.mergeUpdates(parts))
      .catch((error: unknown) =>
        this.logger.warn(`${documentId} of ${sessionId} not compacted: ${String(error)}`),
      );
  }
}
