/**
 * The thin layer on @permaweb/aoconnect (legacy mode: MU, CU, gateway): spawn, send (message + result) and query
 * (dryrun). Everything TIM3-specific lives in client.ts; deploy tools use this layer directly.
 */
import { connect } from "@permaweb/aoconnect";
import { Actions, Tags } from "@tim3/protocol";
import { Tim3Error } from "./errors";
import type { Tim3Signer } from "./signers";
import { toTags } from "./tags";
import type { AoResult, NetworkUrls, Tag } from "./types";

interface LegacyApi {
  spawn(args: { module: string; scheduler: string; signer: unknown; tags: Tag[]; data?: string }): Promise<string>;
  message(args: { process: string; signer: unknown; tags: Tag[]; data?: string }): Promise<string>;
  result(args: { process: string; message: string }): Promise<AoResult>;
  dryrun(args: { process: string; tags: Tag[]; data?: string; Owner?: string }): Promise<AoResult>;
}

export interface AoClient {
  readonly network: NetworkUrls;
  readonly signer: Tim3Signer | undefined;
  spawn(args: { module: string; scheduler: string; tags: Tag[]; data?: string }): Promise<string>;
  /** Sends a signed message and reads its result (this message's own outbox). */
  send(process: string, tags: Tag[], data?: string): Promise<{ messageId: string; result: AoResult }>;
  /** A dry-run: evaluated on the CU, never scheduled, no signature. */
  query(process: string, tags: Tag[], data?: string): Promise<AoResult>;
  /** Loads Lua into a process the signer owns (aos `Eval`); throws on a Lua error. */
  evalLua(process: string, lua: string): Promise<{ messageId: string; result: AoResult }>;
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
  throw new Tim3Error(`${what} failed: ${String(last instanceof Error ? last.message : last)}`, { action: "network" });
}

export function createAoClient(options: { network: NetworkUrls; signer?: Tim3Signer }): AoClient {
  const { network, signer } = options;
  const api = connect({
    MODE: "legacy",
    MU_URL: network.muUrl,
    CU_URL: network.cuUrl,
    GATEWAY_URL: network.gatewayUrl,
  }) as unknown as LegacyApi;
  const requireSigner = (): Tim3Signer => {
    if (signer === undefined) throw new Tim3Error("This action needs a signer (a wallet)", { action: "validate" });
    return signer;
  };
  return {
    network,
    signer,
    async spawn(args) {
      const s = requireSigner();
      return api.spawn({ module: args.module, scheduler: args.scheduler, signer: s.signer, tags: args.tags, data: args.data });
    },
    async send(process, tags, data) {
      const s = requireSigner();
      // The message itself is not retried: a retry could schedule it twice.
      const messageId = await api.message({ process, signer: s.signer, tags, data: data ?? "" });
      const result = await withRetry("result", 5, () => api.result({ process, message: messageId }));
      return { messageId, result: result ?? {} };
    },
    async query(process, tags, data) {
      const result = await withRetry("dryrun", 3, () => api.dryrun({ process, tags, data: data ?? "" }));
      return result ?? {};
    },
    async evalLua(process, lua) {
      const sent = await this.send(process, toTags({ [Tags.Action]: Actions.Eval }), lua);
      const err = sent.result.Error;
      if (err !== undefined && err !== null && err !== "") {
        throw new Tim3Error(`Eval failed: ${typeof err === "string" ? err : JSON.stringify(err)}`, { action: Actions.Eval, process });
      }
      return sent;
    },
  };
}
