import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { createAdapter as createStreamsAdapter } from '@socket.io/redis-streams-adapter';
import type { IncomingMessage } from 'node:http';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config';
import { ConfigError } from '../config';

type FanOut = NonNullable<ServerOptions['adapter']>;

/** The streams adapter's cap on its stream (its own default, set here for the check below). */
export const STREAM_MAX_LEN = 10_000;
/** How much earlier than this node's own connection the stream's reader may have lost Redis. */
const READER_SLACK_MS = 1000;
/** A room nobody joins, asked about to learn whether the other nodes answer again. */
const PROBE_ROOM = 'redis:probe';

/**
 * The socket server every gateway runs on. It refuses browser origins that are not ours (a
 * page elsewhere must not open a socket with a visitor's credentials) and, with Redis, fans
 * events out across nodes so the members of one room may sit on different processes.
 *
 * Every Redis name is spelled out with REDIS_PREFIX rather than left to ioredis' `keyPrefix`:
 * that option prefixes a stream name the adapter already names, and sharded channels (which
 * Redis counts as keys) too, after which the sharded adapter no longer knows its own messages.
 */
export class RoomsIoAdapter extends IoAdapter {
  private readonly logger = new Logger('sockets');
  /** The connections this node opened; the streams adapter opens and closes its own. */
  private readonly clients: Redis[] = [];
  private fanOut: FanOut | null = null;
  private server: Server | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  /** Connects to Redis before the first socket server is made; a bad REDIS_URL stops start-up. */
  async connectRedis(): Promise<void> {
    const { redisUrl, redisPrefix, redisAdapter } = this.config;
    if (!redisUrl) return;
    const name = `${redisPrefix}socket.io`;
    switch (redisAdapter) {
      case 'classic':
        this.fanOut = await this.classicAdapter(redisUrl, name);
        break;
      case 'sharded':
        this.fanOut = await this.shardedAdapter(redisUrl, name);
        break;
      case 'streams':
        this.fanOut = await this.streamsAdapter(redisUrl, name);
        break;
    }
    this.logger.log(`redis: ${redisAdapter} adapter on ${name}`);
  }

  /** Pub/sub on one channel per namespace: every node hears every room's events. */
  private async classicAdapter(url: string, name: string): Promise<FanOut> {
    const { pub, sub } = await this.pubSub(url);
    return createAdapter(pub, sub, { key: name });
  }

  /**
   * Sharded pub/sub (Redis 7+) with a channel per room, so a node hears only the rooms it holds
   * sockets in. The adapter subscribes as soon as it exists, so the clients are connected first:
   * an SSUBSCRIBE written during ioredis' handshake makes it refuse its own ready check.
   */
  private async shardedAdapter(url: string, name: string): Promise<FanOut> {
    const { pub, sub } = await this.pubSub(url);
    const version = /redis_version:(\d+)/.exec(await pub.info('server'))?.[1];
    if (Number(version) < 7) {
      await Promise.all([pub.quit(), sub.quit()]).catch(() => undefined);
      throw new ConfigError(
        `REDIS_ADAPTER=sharded needs Redis 7 or later, and ${url.replace(/\/\/[^@]*@/, '//')} runs ${version}; set REDIS_ADAPTER=classic.`,
      );
    }
    return createShardedAdapter(pub, sub, { channelPrefix: name });
  }

  /**
   * A stream every node appends to and reads on from where it left off: a node cut off from
   * Redis sends what it queued and reads what it missed once it is back, with no resync. Only if
   * the stream was trimmed past that point meanwhile (other nodes went on writing more than its
   * cap) is what it missed gone; then its sockets are sent off to rejoin.
   */
  private async streamsAdapter(url: string, name: string): Promise<FanOut> {
    const client = await this.connect(url);
    this.onReturn(client, (awayMs) => {
      this.trimmedSince(client, name, awayMs).then(
        async (trimmed) => {
          if (!trimmed) return;
          await this.othersAnswer();
          this.resync();
        },
        () => undefined,
      );
    });
    return createStreamsAdapter(client, {
      streamName: name,
      channelPrefix: name,
      maxLen: STREAM_MAX_LEN,
    });
  }

  /** Whether entries added in the last `awayMs` (by Redis' clock, as in entry ids) were trimmed. */
  private async trimmedSince(client: Redis, name: string, awayMs: number): Promise<boolean> {
    const [length, [first], [seconds = 0, micros = 0]] = await Promise.all([
      client.xlen(name),
      client.xrange(name, '-', '+', 'COUNT', 1),
      client.time(),
    ]);
    // Below its cap the stream has never been trimmed: a restarted, empty Redis loses nothing.
    if (length < STREAM_MAX_LEN || !first) return false;
    const lostAt = Number(seconds) * 1000 + Number(micros) / 1000 - awayMs - READER_SLACK_MS;
    return Number(first[0].split('-')[0]) > lostAt;
  }

  /**
   * Resolves once the other nodes answer this one again, or after some ten seconds. The streams
   * adapter hears their answers on a connection of its own, which comes back on its own schedule,
   * and a socket that rejoins asks them who is in the room.
   */
  private async othersAnswer(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const answered = await server
        .timeout(1000)
        .in(PROBE_ROOM)
        .fetchSockets()
        .then(
          () => true,
          () => false,
        );
      if (answered) return;
    }
  }

  /**
   * A publisher and a subscriber. What other nodes published while the subscriber was away never
   * reaches this node's sockets, and nothing tells their clients: once the subscriptions are
   * back (the ping is answered after them), the connections are closed, so the clients rejoin
   * with their seq and catch up.
   */
  private async pubSub(url: string): Promise<{ pub: Redis; sub: Redis }> {
    const [pub, sub] = await Promise.all([this.connect(url), this.connect(url)]);
    this.onReturn(sub, () => {
      setImmediate(() => {
        sub.ping().then(
          () => this.resync(),
          () => undefined,
        );
      });
    });
    return { pub, sub };
  }

  /** Calls `back` each time the client is ready again after losing Redis, with the time away. */
  private onReturn(client: Redis, back: (awayMs: number) => void): void {
    let lostAt: number | null = null;
    client.on('close', () => (lostAt ??= performance.now()));
    client.on('ready', () => {
      if (lostAt === null) return;
      const awayMs = performance.now() - lostAt;
      lostAt = null;
      back(awayMs);
    });
  }

  private async connect(url: string): Promise<Redis> {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    // Without a listener ioredis would crash the process; it reconnects by itself.
    client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    this.clients.push(client);
    await client.connect();
    return client;
  }

  private resync(): void {
    const sockets = this.server ? [...this.server.of('/').sockets.values()] : [];
    this.logger.warn(`redis is back: reconnecting ${sockets.length} sockets to catch up`);
    for (const socket of sockets) socket.conn.close();
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = new Set(this.config.allowedOrigins);
    const server = super.createIOServer(port, {
      ...options,
      allowRequest: (
        request: IncomingMessage,
        callback: (error: string | null, ok: boolean) => void,
      ) => {
        const origin = request.headers.origin;
        callback(null, origin === undefined || allowed.has(origin));
      },
    }) as Server;
    this.server = server;
    if (this.fanOut) server.adapter(this.fanOut);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    const clients = this.clients.splice(0);
    await Promise.all(clients.map((client) => client.quit())).catch(() => undefined);
  }
}
