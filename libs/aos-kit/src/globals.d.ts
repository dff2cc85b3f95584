/** The aos 2.0 globals a TIM3 process uses, typed once for every process. */

/** A message as aos hands it to a handler: tags both in `Tags` and flattened onto the message. */
interface AosMessage {
  Id: string;
  From: string;
  Owner: string;
  Target?: string;
  Timestamp: number | string;
  Tags: Record<string, string> | { name: string; value: string }[];
  Data?: unknown;
  Action?: string;
  [key: string]: unknown;
}

type AosPattern = ((this: void, msg: AosMessage) => boolean | string | number) | Record<string, string>;

declare const Handlers: {
  add(this: void, name: string, pattern: AosPattern, handle: (this: void, msg: AosMessage) => void): void;
  before(this: void, name: string): { add(this: void, name: string, pattern: AosPattern, handle: (this: void, msg: AosMessage) => void): void };
  remove(this: void, name: string): void;
  /** Evaluated in order; aos's `_default` runs only when no other handler matched. */
  list: { name: string }[];
};

/** aos lets only this address Eval (its `_eval` handler compares msg.From with it). */
declare let Owner: string;

declare const ao: {
  id: string;
  authorities: string[];
  env: { Process: { Id: string; Owner: string; Tags: Record<string, string> | { name: string; value: string }[] } };
  send(this: void, msg: Record<string, unknown>): unknown;
};

declare function require(this: void, name: string): unknown;

/** Written on the bundle's first line by tools/lua-build: package version and sha256 of the bundle's source. */
declare const Tim3Build: { name: string; version: string; sourceHash: string } | undefined;

/** Set to true by an Eval just before a bundle to load it over a newer version (a forced downgrade); reset on load. */
declare let Tim3AllowDowngrade: boolean | undefined;
