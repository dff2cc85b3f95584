/**
 * A scheduler as HyperBEAM's `dev_scheduler_server` `do_assign/3` assigns: each process's messages get consecutive
 * slots (the process message is slot 0), and the assignment is stamped with the scheduler's clock at that moment
 * (`timestamp` = `erlang:system_time(millisecond)`), so a message's timestamp says when it was assigned, never when it
 * was first sent: a message pushed again is stamped again, later. Per process the stamps never go backwards.
 * Both front ends use it: the test network on its own clock, the devnet on the wall clock inside its lmdb
 * transaction (a failed write puts the counters back with `rollback`).
 */
export interface Assigned {
  slot: number;
  timestamp: number;
}

export interface SchedulerOptions {
  /** The scheduler's clock, ms since the epoch. */
  clock: () => number;
  /** The first slot to give a process this scheduler has not assigned to yet (a durable log's next slot; default 1). */
  firstSlot?: (pid: string) => number;
}

/** What `assign` had changed at one moment (see `rollback`). */
export interface SchedulerMark {
  next: Map<string, number>;
  stamps: Map<string, number>;
}

export class Scheduler {
  private next = new Map<string, number>();
  private stamps = new Map<string, number>();

  constructor(private readonly options: SchedulerOptions) {}

  /** The slot the next message to `pid` will get. */
  nextSlot(pid: string): number {
    let n = this.next.get(pid);
    if (n === undefined) {
      n = this.options.firstSlot?.(pid) ?? 1;
      this.next.set(pid, n);
    }
    return n;
  }

  /** Assigns the next slot of `pid`, stamped now. */
  assign(pid: string): Assigned {
    const slot = this.nextSlot(pid);
    this.next.set(pid, slot + 1);
    const timestamp = Math.max(this.options.clock(), this.stamps.get(pid) ?? 0);
    this.stamps.set(pid, timestamp);
    return { slot, timestamp };
  }

  /** Starts `pid` at `slot` (a spawn the front end recorded itself). */
  started(pid: string, slot: number): void {
    this.next.set(pid, slot + 1);
  }

  /**
   * Gives `slot` of `pid` back when it was the last one assigned (its durable write failed); false when another
   * message was assigned to `pid` since, and the slot stays taken.
   */
  unassign(pid: string, slot: number): boolean {
    if (this.next.get(pid) !== slot + 1) return false;
    this.next.set(pid, slot);
    return true;
  }

  mark(): SchedulerMark {
    return { next: new Map(this.next), stamps: new Map(this.stamps) };
  }

  /** Undoes every assignment since `mark` (the durable write they belonged to failed). */
  rollback(mark: SchedulerMark): void {
    this.next = mark.next;
    this.stamps = mark.stamps;
  }
}
