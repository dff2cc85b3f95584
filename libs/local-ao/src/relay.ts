/**
 * How a node relays what a process sent, and pushes a slot's outbox again. HyperBEAM's dev_push `do_push/3` takes each
 * message of the computed outbox and `push_result_message/4` → `schedule_result/5` signs it afresh with the node's
 * wallet (`additional_keys/3` adds `from-process`, …): a relayed message gets a NEW id every time it is pushed, and
 * the target's scheduler stamps it when it assigns it (./scheduler.ts). What survives is what the sender wrote: its
 * tags, aos's `Reference` (permaweb/aos process/ao.lua `ao.send`: `ao.reference + 1` per message, in the process's
 * state) and the `From-Process` the node sets. `/<pid>~process@1.0/push&slot=N` (dev_push `push/3` with a `slot`:
 * "push either a message or an assigned slot number") pushes slot N's outbox again the same way: new ids, new
 * timestamps, the same tags and Reference. Nothing about a delivery's id or timestamp says whether it was seen before.
 */
import { newId, type Envelope, type Outbound } from "./messages";

/** The message whose evaluation sent `out`, as far as relaying needs it. */
export interface Sender {
  /** The sending process. */
  target: string;
  /** The id of the message it was evaluating. */
  id: string;
  depth: number;
}

/**
 * A process's outgoing message as the node relays it: a fresh id (signed afresh), `From-Process` = the sender, the
 * sender's Reference kept, signed by `authority` (the node). `timestamp` is when it was sent; the target's scheduler
 * stamps it anew when it assigns it.
 */
export function relay(sender: Sender, out: Outbound, authority: string, timestamp: number): Envelope {
  const tags: Record<string, string> = { ...out.tags, "From-Process": sender.target };
  if (out.reference !== undefined) tags.Reference = out.reference;
  return {
    id: newId(),
    target: out.target,
    from: sender.target,
    owner: authority,
    tags,
    data: out.data,
    timestamp,
    depth: sender.depth + 1,
    parent: sender.id,
  };
}

/** A slot's outbox pushed again (dev_push `push/3` with `slot`): every message relayed anew, fresh ids. */
export function repush(sender: Sender, outbox: readonly Outbound[], authority: string, timestamp: number): Envelope[] {
  return outbox.map((out) => relay(sender, out, authority, timestamp));
}
