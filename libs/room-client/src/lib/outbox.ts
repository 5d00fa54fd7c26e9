import type { RoomCommandType } from '@signal-room/domain';
import type { CommandPayload } from '@signal-room/protocol';
import { commandPayloadSchemas, idSchema } from '@signal-room/protocol';

/**
 * A command the server has not acknowledged yet. It carries its client event id from the moment
 * it is queued, so every resend is the same command and applies at most once.
 */
export type QueuedCommand = {
  [T in RoomCommandType]: {
    clientEventId: string;
    type: T;
    payload: CommandPayload<T>;
    queuedAt: number;
  };
}[RoomCommandType];

/** Where an outbox is kept between page loads: the browser's storage, or memory. */
export interface OutboxStorage {
  load(): string | null;
  save(value: string | null): void;
}

export const memoryStorage = (): OutboxStorage => {
  let kept: string | null = null;
  return {
    load: () => kept,
    save: (value) => {
      kept = value;
    },
  };
};

const BROWSER_PREFIX = 'signal-room.outbox.';

/** One session's outbox in a Web Storage area (localStorage survives a reload and a crash). */
export const browserStorage = (storage: Storage, sessionId: string): OutboxStorage => {
  const key = `${BROWSER_PREFIX}${sessionId}`;
  return {
    load: () => storage.getItem(key),
    save: (value) => (value === null ? storage.removeItem(key) : storage.setItem(key, value)),
  };
};

/**
 * Drops every room's unsent commands from this storage, as signing out must: they may hold
 * private notes, and the next person at this browser is not their author.
 */
export function clearBrowserOutboxes(storage: Storage): void {
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
  for (const key of keys) if (key?.startsWith(BROWSER_PREFIX)) storage.removeItem(key);
}

const isCommandType = (type: unknown): type is RoomCommandType =>
  typeof type === 'string' && Object.hasOwn(commandPayloadSchemas, type);

/**
 * The commands a stored outbox holds, each checked as the server would check it. What another
 * version of the app or a hand in the dev tools left there is dropped rather than sent: an entry
 * that does not parse could only be refused, and the rest still go out in order.
 */
export function parseOutbox(stored: string | null): QueuedCommand[] {
  let entries: unknown;
  try {
    entries = JSON.parse(stored ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(entries)) return [];
  const commands: QueuedCommand[] = [];
  for (const entry of entries as unknown[]) {
    const { clientEventId, type, payload, queuedAt } = (entry ?? {}) as Record<string, unknown>;
    const id = idSchema.safeParse(clientEventId);
    if (!isCommandType(type) || !id.success) continue;
    const parsed = commandPayloadSchemas[type].safeParse(payload);
    if (!parsed.success) continue;
    commands.push({
      clientEventId: id.data,
      type,
      payload: parsed.data,
      queuedAt: typeof queuedAt === 'number' ? queuedAt : 0,
    } as QueuedCommand);
  }
  return commands;
}

/** The unsent commands of one room, in the order they go out, kept in `storage` as they change. */
export class Outbox {
  private commands: readonly QueuedCommand[];

  constructor(private readonly storage: OutboxStorage) {
    this.commands = parseOutbox(storage.load());
  }

  get items(): readonly QueuedCommand[] {
    return this.commands;
  }

  add(command: QueuedCommand): void {
    this.keep([...this.commands, command]);
  }

  /** Takes out this one entry: a command queued twice with one id goes out twice, in turn. */
  remove(command: QueuedCommand): void {
    const at = this.commands.indexOf(command);
    if (at >= 0) this.keep([...this.commands.slice(0, at), ...this.commands.slice(at + 1)]);
  }

  private keep(commands: readonly QueuedCommand[]): void {
    this.commands = commands;
    this.storage.save(commands.length > 0 ? JSON.stringify(commands) : null);
  }
}
