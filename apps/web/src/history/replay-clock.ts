import type { RoomState, TimerState } from '@signal-room/domain';
import { elapsedAt } from '@signal-room/domain';

interface Stretch {
  /** Epoch ms from which this timer holds, until the next stretch's. */
  from: number;
  timer: TimerState;
}

/**
 * The round's clock against wall time, read from the timer the room held after each event. The
 * replay plays in wall time (so typing while the clock was paused still plays), and shows and
 * takes moments on the round's clock, as the scorecard and feedback time them.
 */
export class ReplayClock {
  private readonly stretches: Stretch[];

  constructor(initial: RoomState, steps: readonly { event: { at: number }; state: RoomState }[]) {
    this.stretches = [
      { from: -Infinity, timer: initial.timer },
      ...steps.map((step) => ({ from: step.event.at, timer: step.state.timer })),
    ];
  }

  /** Where the round's clock stood at `wall`. */
  clockAt(wall: number): number {
    return elapsedAt(this.stretchAt(wall).timer, wall);
  }

  /** The first wall time at which the round's clock reads `clockMs` (its last, if it never does). */
  wallAt(clockMs: number): number {
    for (const [index, { from, timer }] of this.stretches.entries()) {
      const until = this.stretches[index + 1]?.from ?? Infinity;
      if (timer.runningSince === null) {
        if (elapsedAt(timer, from) >= clockMs && Number.isFinite(from)) return from;
        continue;
      }
      // Running: the clock reads elapsedMs at runningSince and gains a millisecond per millisecond.
      const wall = Math.max(from, timer.runningSince + clockMs - timer.elapsedMs);
      if (wall < until) return wall;
    }
    return this.stretches.at(-1)?.from ?? 0;
  }

  /**
   * When a step happened on the wall: a note or mark at the moment it records (its typing began
   * before it was committed), anything else when it was committed.
   */
  momentOf(step: { event: { at: number }; offsetMs: number }): number {
    const committed = step.event.at;
    return step.offsetMs === this.clockAt(committed) ? committed : this.wallAt(step.offsetMs);
  }

  private stretchAt(wall: number): Stretch {
    let low = 0;
    let high = this.stretches.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((this.stretches[middle]?.from ?? Infinity) <= wall) low = middle;
      else high = middle - 1;
    }
    return this.stretches[low] as Stretch;
  }
}
