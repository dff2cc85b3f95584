/**
 * A delivery fault the devnet can inject (only with `--faults`): messages a process sends to another are kept back
 * instead of being pushed, and pushed (assigned, then evaluated) only when released. This is what a HyperBEAM node
 * that has not pushed a slot's outbox yet looks like: dev_push `do_push/3` assigns each outbox message at its
 * target's scheduler as it pushes it (`schedule_result/5`, a POST to the target's `schedule`), so until the push
 * happens the message is on no schedule and its target cannot compute it; a push that failed (the node stopped, the
 * target's scheduler was slow) is pushed again later by `/<pid>~process@1.0/push&slot=N`. Holding before assignment,
 * not before evaluation, keeps every process's slots evaluated in order.
 *
 * A held message keeps the id the node gave it (derived from the message that sent it), so releasing it is the same
 * message. What is held lives in memory only: a node restarted while holding has, like a node that never pushed,
 * nothing on the target's schedule (the re-push of a slot is not served by the devnet).
 */
import type { Assignment } from "./store";

/** Which relayed messages to keep back: by sender and/or target process (either may be left out). */
export interface HoldRule {
  from?: string;
  target?: string;
}

export class RelayHold {
  private rules: HoldRule[] = [];
  private held: Assignment[] = [];

  add(rule: HoldRule): void {
    this.rules.push(rule);
  }

  /** Whether this relayed message is kept back (then it is held, and not assigned now). */
  keep(relay: Assignment): boolean {
    const hit = this.rules.some((r) => (r.from === undefined || r.from === relay.entry.from) && (r.target === undefined || r.target === relay.pid));
    if (hit) this.held.push(relay);
    return hit;
  }

  /** Stops holding and hands back what was held, in the order it was sent. */
  take(): Assignment[] {
    const out = this.held;
    this.rules = [];
    this.held = [];
    return out;
  }

  count(): number {
    return this.held.length;
  }
}
