import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'node:http';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config';

/**
 * The socket server every gateway runs on. It refuses browser origins that are not ours (a
 * page elsewhere must not open a socket with a visitor's credentials) and, with Redis, fans
 * events out across nodes so the members of one room may sit on different processes.
 */
export class RoomsIoAdapter extends IoAdapter {
  private readonly logger = new Logger('sockets');
  private redis: { pub: Redis; sub: Redis } | null = null;
  private server: Server | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  /** Connects to Redis before the first socket server is made; a bad REDIS_URL stops start-up. */
  async connectRedis(): Promise<void> {
    const { redisUrl, redisPrefix } = this.config;
    if (!redisUrl) return;
    const pub = new Redis(redisUrl, {
      keyPrefix: redisPrefix,
      lazyConnect: true,
      maxRetriesPerRequest: null,
    });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) {
      // Without a listener ioredis would crash the process; it reconnects by itself.
      client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    }
    // What other nodes published while Redis was away never reaches this node's sockets, and
    // nothing tells their clients: once the subscriptions are back (the ping is answered after
    // them), the connections are closed, so the clients rejoin with their seq and catch up.
    let lost = false;
    sub.on('close', () => (lost = true));
    sub.on('ready', () => {
      if (!lost) return;
      lost = false;
      setImmediate(() => {
        sub.ping().then(
          () => this.resync(),
          () => undefined,
        );
      });
    });
    await Promise.all([pub.connect(), sub.connect()]);
    this.redis = { pub, sub };
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
    if (this.redis) {
      server.adapter(
        createAdapter(this.redis.pub, this.redis.sub, {
          key: `${this.config.redisPrefix}socket.io`,
        }),
      );
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (this.redis) {
      await Promise.all([this.redis.pub.quit(), this.redis.sub.quit()]).catch(() => undefined);
      this.redis = null;
    }
  }
}
