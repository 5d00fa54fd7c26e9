import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

/**
 * A TCP relay between one node and Redis that can hold back what Redis pushes to the node's
 * subscriber connections: the frames other nodes publish then reach this node late, while its
 * own commands and every other Redis call go through at once. That is how a node comes to send
 * its own newer event before it relays an older one committed elsewhere.
 */
export class RedisRelay {
  private readonly subscribers = new Set<{ held: Buffer[]; client: Socket }>();
  private readonly open = new Set<Socket>();
  private holding = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: { port: number }): Promise<RedisRelay> {
    let relay: RedisRelay | null = null;
    const server = createServer((client) => relay?.pipe(client, target.port));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    relay = new RedisRelay(server, `redis://127.0.0.1:${port}`);
    return relay;
  }

  private pipe(client: Socket, port: number): void {
    const upstream = connect(port, '127.0.0.1');
    this.open.add(client).add(upstream);
    const connection = { held: [] as Buffer[], client };
    let subscriber = false;
    client.on('data', (data: Buffer) => {
      // A connection that subscribes only ever receives pushes from then on.
      if (!subscriber && data.toString('latin1').toUpperCase().includes('SUBSCRIBE')) {
        subscriber = true;
        this.subscribers.add(connection);
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => {
      if (subscriber && this.holding) connection.held.push(data);
      else client.write(data);
    });
    const close = () => {
      this.subscribers.delete(connection);
      this.open.delete(client);
      this.open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  }

  /** From now on, what Redis pushes to the node's subscribers waits for `release`. */
  hold(): void {
    this.holding = true;
  }

  /** Sends on what was held, in the order it came. */
  release(): void {
    this.holding = false;
    for (const connection of this.subscribers) {
      for (const data of connection.held) connection.client.write(data);
      connection.held = [];
    }
  }

  close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
