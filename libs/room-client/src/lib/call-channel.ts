import type {
  ApiError,
  CallAck,
  CallPeer,
  CallPeerMessage,
  CallSignalMessage,
  Signal,
  SpeechSpan,
} from '@signal-room/protocol';
import {
  MAX_SPEECH_SPANS,
  callAckSchema,
  callPeerMessageSchema,
  callSignalMessageSchema,
} from '@signal-room/protocol';
import type { RoomSocket } from './room-channel';
import type { RoomClient } from './room-client';

/** out: not in the call; joining: asked for a place; in: holding one; offline: waiting for the room. */
export type CallStatus = 'out' | 'joining' | 'in' | 'offline';

export interface CallSnapshot {
  status: CallStatus;
  /** Why joining or sending was refused for good. */
  error: ApiError | null;
  /** Speaking spans measured and not yet stored. */
  unsentSpans: number;
}

/** What the peers of the call say to this tab. */
export interface CallListener {
  /** Another tab took a place in the call, or took it again after a reconnect. */
  joined?(peer: CallPeer): void;
  left?(peer: CallPeer): void;
  signal?(from: CallPeer, signal: Signal): void;
}

export interface CallTiming {
  ackTimeoutMs: number;
  /** Spans are gathered this long before they are sent as one message. */
  speechFlushMs: number;
  backoffMs: readonly number[];
}

export const DEFAULT_CALL_TIMING: CallTiming = {
  ackTimeoutMs: 10_000,
  speechFlushMs: 5000,
  backoffMs: [500, 1000, 2000, 4000],
};

interface SpeechBatch {
  batchId: string;
  spans: SpeechSpan[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One tab's part in a session's call on the room's connection: its place (one peer id for the
 * tab's whole life, taken again on every socket the room moves to), the signals it sends to and
 * gets from other places, and the speaking spans its microphone measured, gathered into batches
 * that are re-sent with their batch id until stored. The media itself (RTCPeerConnection) is the
 * browser's; this carries only what the server passes on.
 */
export class CallChannel {
  readonly peerId: string = crypto.randomUUID();
  private snapshot: CallSnapshot = { status: 'out', error: null, unsentSpans: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly timing: CallTiming;
  private socket: RoomSocket | null = null;
  private detachSocket: () => void = () => undefined;
  private wanted = false;
  private readonly batches: SpeechBatch[] = [];
  private gathering: ReturnType<typeof setTimeout> | null = null;
  private sending = false;
  private unfollow: () => void = () => undefined;

  constructor(
    readonly sessionId: string,
    private readonly listener: CallListener,
    timing: Partial<CallTiming> = {},
  ) {
    this.timing = { ...DEFAULT_CALL_TIMING, ...timing };
  }

  /** Follows a room client: on each socket it joins the room on, this takes its place again. */
  static follow(
    client: RoomClient,
    listener: CallListener,
    timing?: Partial<CallTiming>,
  ): CallChannel {
    const channel = new CallChannel(client.channel.sessionId, listener, timing);
    const check = () => {
      const online = client.getSnapshot().status === 'online';
      const socket = client.socket;
      if (online && socket && socket !== channel.socket) channel.attach(socket);
      else if (!online && channel.snapshot.status === 'in') channel.update({ status: 'offline' });
    };
    channel.unfollow = client.subscribe(check);
    check();
    return channel;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CallSnapshot => this.snapshot;

  /** Listens on `socket`, which has joined the session's room; takes the place if wanted. */
  attach(socket: RoomSocket): void {
    this.detachSocket();
    this.socket = socket;
    const mine = (message: { sessionId?: unknown }) => message.sessionId === this.sessionId;
    const onJoined = (message: CallPeerMessage) => {
      const parsed = callPeerMessageSchema.safeParse(message);
      if (parsed.success && mine(parsed.data)) this.listener.joined?.(parsed.data.peer);
    };
    const onLeft = (message: CallPeerMessage) => {
      const parsed = callPeerMessageSchema.safeParse(message);
      if (parsed.success && mine(parsed.data)) this.listener.left?.(parsed.data.peer);
    };
    const onSignal = (message: CallSignalMessage) => {
      const parsed = callSignalMessageSchema.safeParse(message);
      if (parsed.success && mine(parsed.data)) {
        this.listener.signal?.(parsed.data.from, parsed.data.signal);
      }
    };
    const onDisconnect = () => {
      if (this.socket === socket && this.wanted) this.update({ status: 'offline' });
    };
    socket.on('call:joined', onJoined);
    socket.on('call:left', onLeft);
    socket.on('call:signal', onSignal);
    socket.on('disconnect', onDisconnect);
    this.detachSocket = () => {
      socket.off('call:joined', onJoined);
      socket.off('call:left', onLeft);
      socket.off('call:signal', onSignal);
      socket.off('disconnect', onDisconnect);
      if (this.socket === socket) this.socket = null;
    };
    if (this.wanted) void this.takePlace(socket);
    void this.sendSpeech();
  }

  /** Takes a place in the call, now if the room is joined, else as soon as it is. */
  async join(): Promise<CallAck> {
    this.wanted = true;
    const socket = this.socket;
    if (!socket?.connected) {
      this.update({ status: 'offline' });
      return { ok: true };
    }
    return this.takePlace(socket);
  }

  async leave(): Promise<void> {
    this.wanted = false;
    this.update({ status: 'out', error: null });
    const socket = this.socket;
    if (!socket?.connected) return;
    await this.ask(socket, 'call:leave', { sessionId: this.sessionId, peerId: this.peerId });
  }

  /** Passes a signal to one peer; answered once the server has sent it on (or refused it). */
  signal(to: CallPeer, signal: Signal): Promise<CallAck> {
    const socket = this.socket;
    if (!socket?.connected) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'Not connected to the room.', retryable: true },
      });
    }
    return this.ask(socket, 'call:signal', { sessionId: this.sessionId, to, signal });
  }

  /** Keeps a span the microphone measured; it goes with the next batch. */
  speak(span: SpeechSpan): void {
    const open = this.batches.at(-1);
    // A batch in flight is never added to: its re-send must carry what it carried.
    const inFlight = this.sending && open === this.batches[0];
    const batch =
      open && !inFlight && open.spans.length < MAX_SPEECH_SPANS
        ? open
        : { batchId: crypto.randomUUID(), spans: [] };
    if (batch !== open) this.batches.push(batch);
    batch.spans.push(span);
    this.update({ unsentSpans: this.unsent() });
    this.gathering ??= setTimeout(() => {
      this.gathering = null;
      void this.sendSpeech();
    }, this.timing.speechFlushMs);
  }

  /** Sends what was measured now, not at the end of the gathering window (leaving the call). */
  flushSpeech(): Promise<void> {
    if (this.gathering) clearTimeout(this.gathering);
    this.gathering = null;
    return this.sendSpeech();
  }

  close(): void {
    this.unfollow();
    this.unfollow = () => undefined;
    if (this.gathering) clearTimeout(this.gathering);
    this.gathering = null;
    const socket = this.socket;
    if (this.wanted && socket?.connected) {
      socket.emit(
        'call:leave',
        { sessionId: this.sessionId, peerId: this.peerId },
        () => undefined,
      );
    }
    this.wanted = false;
    this.detachSocket();
  }

  private async takePlace(socket: RoomSocket): Promise<CallAck> {
    this.update({ status: 'joining' });
    const answer = await this.ask(socket, 'call:join', {
      sessionId: this.sessionId,
      peerId: this.peerId,
    });
    if (this.socket !== socket || !this.wanted) return answer;
    if (answer.ok) this.update({ status: 'in', error: null });
    else this.update({ status: answer.error.retryable ? 'offline' : 'out', error: answer.error });
    return answer;
  }

  /** Sends the batches in order, each until stored or refused for good. */
  private async sendSpeech(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      let attempt = 0;
      for (;;) {
        const [batch] = this.batches;
        const socket = this.socket;
        if (!batch || !socket?.connected) break;
        const answer = await this.ask(socket, 'call:speech', {
          sessionId: this.sessionId,
          ...batch,
        });
        if (!answer.ok && answer.error.retryable) {
          const { backoffMs } = this.timing;
          await sleep(backoffMs[Math.min(attempt, backoffMs.length - 1)] ?? 1000);
          attempt += 1;
          continue;
        }
        attempt = 0;
        this.batches.shift();
        this.update({ unsentSpans: this.unsent(), ...(answer.ok ? {} : { error: answer.error }) });
      }
    } finally {
      this.sending = false;
    }
  }

  private async ask(
    socket: RoomSocket,
    event: 'call:join' | 'call:leave' | 'call:signal' | 'call:speech',
    body: unknown,
  ): Promise<CallAck> {
    try {
      const raw: unknown = await (
        socket.timeout(this.timing.ackTimeoutMs).emitWithAck as (
          e: string,
          b: unknown,
        ) => Promise<unknown>
      )(event, body);
      return callAckSchema.parse(raw);
    } catch {
      return {
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'The server did not answer.', retryable: true },
      };
    }
  }

  private unsent(): number {
    return this.batches.reduce((sum, batch) => sum + batch.spans.length, 0);
  }

  private update(change: Partial<CallSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
