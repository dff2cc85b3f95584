/** Shapes shared by the TIM3 client: AO tags, results and the network/process configuration. */
import type { ProcessRole } from "@tim3/protocol";

export interface Tag {
  name: string;
  value: string;
}

/** One message in a result's outbox, as the CU returns it. */
export interface AoMessage {
  Target?: string;
  Tags?: Tag[];
  Data?: string;
  Anchor?: string;
}

/** What `result` and `dryrun` return. */
export interface AoResult {
  Messages?: AoMessage[];
  Spawns?: unknown[];
  Output?: unknown;
  Error?: unknown;
}

/** One AO mainnet (HyperBEAM) node, as aoconnect's MODE "mainnet" reaches it: AO mainnet or the local devnet. */
export interface NetworkUrls {
  /**
   * The node's URL, e.g. https://push.forward.computer, or the devnet's http://127.0.0.1:4000. TIM3's reads are HTTP
   * GETs of the state the processes expose there (`/<process>~process@1.0/now/cache/<key>`), never dry-runs.
   */
  nodeUrl: string;
  /** The scheduler's address (on the devnet: the node's own); aoconnect asks the node when it is absent. */
  scheduler?: string;
}

/** Each process's id by role (the roles of libs/protocol's topology). */
export type Tim3Processes = Record<ProcessRole, string>;

export type { ProcessRole };

/** Decimal digit strings in base units, e.g. "1500000000000" = 1.5 at Denomination 12. */
export type Quantity = string;

/** A reply read as tags by name, plus its Data (JSON-decoded when it parses). */
export interface Reply {
  action: string | undefined;
  tags: Record<string, string>;
  data: string;
  json: unknown;
  target: string | undefined;
}

/** The outcome of an action message: its id and slot, the reply it was matched to, and the raw result. */
export interface Sent {
  messageId: string;
  /** Its assignment slot on the process (aoconnect's mainnet `message` returns it; `result` takes it or the id). */
  slot: string;
  reply: Reply | undefined;
  result: AoResult;
}
