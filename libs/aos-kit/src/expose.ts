/**
 * The one generic state-exposure emitter (AO mainnet, HyperBEAM `patch@1.0`): after a handler, it asks the process's
 * pure `Exposure` for the entries the message may have changed and sends those whose value differs from what this
 * bundle last published, in the same evaluation. A bundle load (spawn or upgrade) starts with an empty memory and
 * publishes everything once.
 */
import {
  PATCH_CHUNK, chunkEntries, idsOf, withExposedNames, type CacheEntries, type Exposure, type ExposureContext, type Message, type Outgoing,
} from "@tim3/protocol";

interface JsonCodec {
  encode(this: void, value: unknown): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const json = require("json") as JsonCodec;

export const PATCH_DEVICE = "patch@1.0";

export interface Emitter<S> {
  publishAll(state: S, now: number): void;
  publishTouched(state: S, msg: Message, outgoing: Outgoing[]): void;
}

export function createEmitter<S>(exposure: Exposure<S>): Emitter<S> {
  /** key → JSON of the value last sent; lives as long as this bundle (an upgrade starts afresh). */
  const published: Record<string, string> = {};
  const wasPublished = (key: string): boolean => published[key] !== undefined;
  const contextAt = (now: number): ExposureContext => ({ self: ao.id, owner: ao.env.Process.Owner, now });

  function emit(entries: CacheEntries): void {
    const changed: CacheEntries = {};
    let any = false;
    for (const key in entries) {
      const encoded = json.encode(entries[key]);
      if (published[key] !== encoded) {
        // Field names go out lowercase, as a HyperBEAM node stores them (see exposedName).
        changed[key] = withExposedNames(entries[key]);
        published[key] = encoded;
        any = true;
      }
    }
    if (!any) return;
    // No Target: the node applies a patch@1.0 message to the process's own state; it is not delivered anywhere.
    for (const chunk of chunkEntries(changed, PATCH_CHUNK)) ao.send({ device: PATCH_DEVICE, cache: chunk });
  }

  /** Exposure must never fail a message whose effects are done: an error is printed, the handler's sends stand. */
  function guarded(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      print("TIM3 exposure failed (" + what + "): " + String(e));
    }
  }

  return {
    publishAll(state, now) {
      guarded("all", () => emit(exposure.all(state, contextAt(now))));
    },
    publishTouched(state, msg, outgoing) {
      guarded("touched", () => emit(exposure.touched(state, idsOf(msg, outgoing), contextAt(msg.timestamp), wasPublished)));
    },
  };
}
