/**
 * The thin layer on @permaweb/aoconnect in MODE "mainnet" (a HyperBEAM node: AO mainnet, or the local devnet, which
 * serves the same API): spawn, send (message → assignment slot and id, then its result) and query (the node's
 * dry-run path). Everything TIM3-specific lives in client.ts; deploy tools use this layer directly.
 */
import { connect } from "@permaweb/aoconnect";
import { Actions, Tags } from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error } from "./errors";
import type { Tim3Signer } from "./signers";
import { toTags } from "./tags";
import type { AoResult, NetworkUrls, Tag } from "./types";

/** The part of aoconnect's mainnet API TIM3 calls (aoconnect 0.0.98 ships no types for it). */
interface MainnetApi {
  spawn(args: { module: string; authority?: string; tags: Tag[]; data?: string }): Promise<string>;
  message(args: { process: string; tags: Tag[]; data?: string; returnMessageId: true; returnAssignmentSlot: true }): Promise<{ slot: number | string; id: string }>;
  result(args: { process: string; slot?: string; message?: string }): Promise<AoResult>;
  dryrun(args: { process: string; tags: Tag[]; data?: string }): Promise<AoResult>;
}

/** A scheduled message: its id and its assignment slot on the process (either names it in `result`). */
export interface SentMessage {
  messageId: string;
  slot: string;
  result: AoResult;
}

export interface AoClient {
  readonly network: NetworkUrls;
  readonly signer: Tim3Signer | undefined;
  /** Spawns a process; Authority defaults to the network's scheduler (aoconnect's default too). */
  spawn(args: { module: string; authority?: string; tags: Tag[]; data?: string }): Promise<string>;
  /** Sends a signed message and reads its result (this message's own outbox). */
  send(process: string, tags: Tag[], data?: string): Promise<SentMessage>;
  /** The result of an earlier message, by slot or message id. */
  result(process: string, slotOrMessageId: string): Promise<AoResult>;
  /** A dry-run on the node: evaluated, never scheduled. */
  query(process: string, tags: Tag[], data?: string): Promise<AoResult>;
  /** Loads Lua into a process the signer owns (aos `Eval`); throws on a Lua error. */
  evalLua(process: string, lua: string): Promise<SentMessage>;
}

async function withRetry<T>(what: string, attempts: number, fn: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 200 * (i + 1)));
    }
  }
  throw new Tim3Error(`${what} failed: ${String(last instanceof Error ? last.message : last)}`, { code: ClientErrorCodes.Network, action: "network" });
}

export function createAoClient(options: { network: NetworkUrls; signer?: Tim3Signer }): AoClient {
  const { network, signer } = options;
  const base = { MODE: "mainnet", URL: network.nodeUrl, ...(network.scheduler ? { SCHEDULER: network.scheduler } : {}) };
  // aoconnect binds the signer at connect time in mainnet mode; reads go through an unsigned connection.
  const signed = signer ? (connect({ ...base, signer: signer.signer } as never) as unknown as MainnetApi) : undefined;
  const reader = connect(base as never) as unknown as MainnetApi;
  const requireSigned = (): MainnetApi => {
    if (signed === undefined) throw new Tim3Error("This action needs a signer (a wallet)", { code: ClientErrorCodes.NoSigner, action: "validate" });
    return signed;
  };
  const isSlot = (s: string) => /^\d+$/.test(s);
  const readResult = (process: string, slotOrId: string) =>
    withRetry("result", 5, () => reader.result(isSlot(slotOrId) ? { process, slot: slotOrId } : { process, message: slotOrId }));
  return {
    network,
    signer,
    async spawn(args) {
      const api = requireSigned();
      return api.spawn({ module: args.module, authority: args.authority, tags: args.tags, data: args.data });
    },
    async send(process, tags, data) {
      const api = requireSigned();
      // The message itself is not retried: a retry could schedule it twice.
      const sent = await api.message({ process, tags, data: data ?? "", returnMessageId: true, returnAssignmentSlot: true });
      const slot = String(sent.slot);
      const result = await readResult(process, slot);
      return { messageId: sent.id, slot, result: result ?? {} };
    },
    async result(process, slotOrMessageId) {
      return (await readResult(process, slotOrMessageId)) ?? {};
    },
    async query(process, tags, data) {
      const result = await withRetry("dryrun", 3, () => (signed ?? reader).dryrun({ process, tags, data: data ?? "" }));
      return result ?? {};
    },
    async evalLua(process, lua) {
      const sent = await this.send(process, toTags({ [Tags.Action]: Actions.Eval }), lua);
      const err = sent.result.Error;
      if (err !== undefined && err !== null && err !== "") {
        throw new Tim3Error(`Eval failed: ${typeof err === "string" ? err : JSON.stringify(err)}`, { code: ClientErrorCodes.ProcessFailed, action: Actions.Eval, process });
      }
      return sent;
    },
  };
}
