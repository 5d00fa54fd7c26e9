import { Injectable } from '@nestjs/common';
import type { ErrorCode } from '@signal-room/protocol';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Channel = 'http' | 'socket';

/** The server's Prometheus metrics; one registry per app, so tests and nodes never mix them. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly connections = new Gauge({
    name: 'signal_room_socket_connections',
    help: 'Sockets connected to this node.',
    registers: [this.registry],
  });

  private countRooms: () => number = () => 0;

  private readonly rooms: Gauge = new Gauge({
    name: 'signal_room_rooms_active',
    help: 'Session rooms with at least one socket on this node.',
    registers: [this.registry],
    collect: (): void => this.rooms.set(this.countRooms()),
  });

  private readonly commandSeconds = new Histogram({
    name: 'signal_room_command_duration_seconds',
    help: 'Room commands from receipt to acknowledgement (committed), by type and outcome.',
    labelNames: ['type', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  private readonly groupRooms = new Histogram({
    name: 'signal_room_group_commit_rooms',
    help: 'Rooms whose events one grouped append statement carried (its count is the statements).',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });

  private readonly errors = new Counter({
    name: 'signal_room_errors_total',
    help: 'Errors answered to clients, by code and channel.',
    labelNames: ['code', 'channel'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Process, heap, GC and event-loop lag (nodejs_eventloop_lag_*), from prom-client itself.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  /** The gateway says how to count rooms; the gauge asks it on every scrape. */
  countRoomsWith(count: () => number): void {
    this.countRooms = count;
  }

  socketConnected(): void {
    this.connections.inc();
  }

  socketDisconnected(): void {
    this.connections.dec();
  }

  commandDone(type: string, seconds: number, error: ErrorCode | null): void {
    this.commandSeconds.observe({ type, outcome: error ? 'error' : 'ok' }, seconds);
    if (error) this.errorAnswered(error, 'socket');
  }

  groupCommitted(rooms: number): void {
    this.groupRooms.observe(rooms);
  }

  errorAnswered(code: ErrorCode, channel: Channel): void {
    this.errors.inc({ code, channel });
  }
}
