/** Shapes shared by the TIM3 client: AO tags, results and the network/process configuration. */

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

/** The MU, CU and gateway of one AO network (legacy mode). */
export interface NetworkUrls {
  muUrl: string;
  cuUrl: string;
  gatewayUrl: string;
}

export interface Tim3Processes {
  usda: string;
  tokenManager: string;
  lockManager: string;
  coordinator: string;
  stateManager: string;
}

export type ProcessRole = keyof Tim3Processes;

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

/** The outcome of an action message: its id, the reply it was matched to, and the raw result. */
export interface Sent {
  messageId: string;
  reply: Reply | undefined;
  result: AoResult;
}
