/**
 * What the local AO moves around: a message as a process is given it (`Envelope`), and a message a process put in its
 * outbox (`Outbound`), before a scheduler assigns it anywhere.
 */
import { randomBytes } from "node:crypto";

export interface Envelope {
  id: string;
  target: string;
  /** What aos will see as msg.From: the From-Process tag when present, else the signer. */
  from: string;
  /** The signer: the wallet, or the authority pushing a process's message. */
  owner: string;
  tags: Record<string, string>;
  data: string;
  /** Stamped by the target's scheduler when it assigns the message (./scheduler.ts); until then, when it was sent. */
  timestamp: number;
  /** Hops from the wallet message that started the flow (0 for that message itself). */
  depth: number;
  /** Id of the message whose evaluation sent this one. */
  parent?: string;
  /** Its slot on the target, once a scheduler assigned it. */
  slot?: number;
}

/** A message a process put in its outbox. */
export interface Outbound {
  target: string;
  tags: Record<string, string>;
  data: string;
  /** aos's per-process send counter (the `Reference` tag aos adds), relayed with the message. */
  reference?: string;
}

/** One process as a network sees it: something that takes a message and returns its outbox. */
export interface ProcessRuntime {
  handle(msg: Envelope): Promise<Outbound[]>;
  dryrun(msg: Envelope): Promise<Outbound[]>;
}

/**
 * The key tests spawn processes to trust and relay under (the legacy relay's address, as pre-mainnet processes were
 * spawned with); a node front end (the devnet) relays under its own address instead.
 */
export const AUTHORITY = "fcoN_xJeisVsPXA-trzVAuIiqO3ydLQxM-L4XbrQKzY";

/** A fresh 43-character id, as a signature's hash is: nothing about it repeats or can be predicted. */
export function newId(): string {
  return randomBytes(32).toString("base64url").slice(0, 43);
}
