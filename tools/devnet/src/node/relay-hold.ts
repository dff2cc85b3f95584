/**
 * A delivery fault the devnet can inject (only with `--faults`): messages a process sends to another are kept back
 * instead of being pushed, and pushed (assigned, then evaluated) only when released. This is what a HyperBEAM node
 * that has not pushed a slot's outbox yet looks like: dev_push `do_push/3` assigns each outbox message at its
 * target's scheduler as it pushes it (`schedule_result/5`, a POST to the target's `schedule`), so until the push
 * happens the message is on no schedule and its target cannot compute it; a push that failed (the node stopped, the
 * target's scheduler was slow) is pushed again later by `/<pid>~process@1.0/push&slot=N`. Holding before assignment,
 * not before evaluation, keeps every process's slots evaluated in order.
 *
 * A held message keeps the id the node gave it when it relayed it, so releasing it is the same message. The rules live
 * here; the held messages in the node's delivery engine (@tim3/local-ao `LocalAo.hold`/`release`). What is held lives in
 * memory only: a node restarted while holding has, like a node that never pushed, nothing on the target's schedule
 * (`/<pid>~process@1.0/push&slot=N` pushes that slot's outbox again).
 */
import type { Envelope } from "@tim3/local-ao";

/** Which relayed messages to keep back: by sender and/or target process (either may be left out). */
export interface HoldRule {
  from?: string;
  target?: string;
}

export class RelayHold {
  private rules: HoldRule[] = [];

  add(rule: HoldRule): void {
    this.rules.push(rule);
  }

  /** Whether this relayed message is to be kept back (its sender is `from`, its target `target`). */
  matches(relayed: Envelope): boolean {
    return this.rules.some((r) => (r.from === undefined || r.from === relayed.from) && (r.target === undefined || r.target === relayed.target));
  }

  /** Stops holding (what was held is released by the node). */
  clear(): void {
    this.rules = [];
  }
}
