/**
 * Whose key a relayed message arrives under: a second authority on the devnet.
 *
 * On AO a process's outbox reaches another process signed by whoever relays it, and that signer is the message's
 * `Owner` (HyperBEAM's node signs what dev_push pushes; a process spawned before mainnet, `Variant = ao.TN.1`, has its
 * messages relayed by the legacy relay, `fcoN_xJeisVsPXA-trzVAuIiqO3ydLQxM-L4XbrQKzY`). aos decides trust on exactly
 * that Owner: permaweb/aos `process/process.lua` `handle` drops a message when `msg.From ~= msg.Owner and not
 * ao.isTrusted(msg)`, and `process/ao.lua` `ao.isTrusted` trusts a message whose From or Owner is in
 * `ao.authorities`, which `ao.init` fills from every `Authority` spawn tag split on ",". So a process that must hear a
 * pre-mainnet token (the real USDA) has to be spawned trusting the legacy relay as well as its node.
 *
 * The devnet holds a second key of its own for that relay (`--legacy-relay`): it hosts a process spawned with
 * `Variant = ao.TN.1` as if it lived on the legacy network, and signs (stamps the Owner of) everything it relays from
 * that process with the second key instead of the node's. Everything else is relayed under the node's address.
 */
import { HttpError } from "./data-item";

/** The Variant a pre-mainnet (legacynet) process was spawned with. */
export const LEGACY_VARIANT = "ao.TN.1";

// On the real network the legacy relay is fcoN_xJeisVsPXA-trzVAuIiqO3ydLQxM-L4XbrQKzY; the devnet generates its own key.

/** The key that signs what `sender` (spawned with `spawnTags`) sends: the legacy relay's for an ao.TN.1 process. */
export function relaySigner(spawnTags: Record<string, string> | undefined, nodeAddress: string, legacyRelay: string | undefined): string {
  return spawnTags?.Variant === LEGACY_VARIANT && legacyRelay !== undefined ? legacyRelay : nodeAddress;
}

/** A spawn of an ao.TN.1 process needs the second key: without it its messages would arrive under the wrong authority. */
export function assertRelayable(spawnTags: Record<string, string>, legacyRelay: string | undefined): void {
  if (spawnTags.Variant === LEGACY_VARIANT && legacyRelay === undefined) {
    throw new HttpError(
      400,
      `spawn refused: Variant ${LEGACY_VARIANT} (a pre-mainnet process) is relayed under the legacy relay's key, and this node holds none: start it with --legacy-relay`,
    );
  }
}
