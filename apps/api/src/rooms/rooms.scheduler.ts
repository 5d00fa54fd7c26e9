import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { RoomsService } from './rooms.service';

/** How often each node looks for rounds whose time (plus grace) has run out. */
export const SWEEP_INTERVAL_MS = 1000;

/** Ends overrun rounds. Every node runs it; the database makes each end happen once. */
@Injectable()
export class RoomsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('rooms');
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(private readonly rooms: RoomsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping = this.rooms.endOverdue().catch((error: unknown) => {
        this.logger.warn(`could not end overrun rounds: ${String(error)}`);
      });
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }
}
