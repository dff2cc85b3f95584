/**
 * The thin layer on @permaweb/aoconnect in MODE "mainnet" (a HyperBEAM node: AO mainnet, or the local devnet, which
 * serves the same API): spawn, send (push a signed message, then its result) and query (the node's dry-run path).
 * Everything TIM3-specific lives in client.ts; deploy tools use this layer directly.
 *
 * What a HyperBEAM node does, and so what this layer assumes (permaweb/HyperBEAM and aoconnect 0.0.98):
 *  - It verifies every request body (hb_http `req_to_tabm_singleton/3`: an `ans104@1.0` body is deserialised and its
 *    signature checked), results and dry-runs included. Every request here goes through the SIGNED connection:
 *    aoconnect without a signer posts the text `[object Object]`, which a node refuses.
 *  - A push is answered as dev_push `push/3` answers: by default (`push-mode` sync) only once the message and its
 *    outbox are computed, with the result, `slot` and `process` — not the pushed item's id. The id is the one of the
 *    item this client signed, computed from it with arbundles (`signedItemId`); nothing is read from the reply but
 *    the slot and the result.
 *  - A node that charges (dev_p4 `request/3` with a ledger such as `ledger~node-process@1.0`) refuses a message
 *    from a signer without credit with HTTP 402 (older nodes: 429) "Insufficient funds": a `Node-Credit` error here,
 *    naming the address to top up and how.
 * aoconnect's `message()` maps every non-2xx answer to one generic "Error sending message" and throws when asked for
 * an id the reply does not carry, so the push goes through aoconnect's own `request` (the signed request layer of
 * @permaweb/ao-core-libs, as permaweb/aos `src/services/mainnet.js` `sendMessageMainnet` pushes), with the parameters
 * aoconnect's `messageWith` (connect/src/client/ao-core.js) sends.
 */
import { connect } from "@permaweb/aoconnect";
import { Actions, Tags } from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error, nodeCreditError } from "./errors";
import { nodeCharging } from "./node-charging";
import type { Tim3Signer } from "./signers";
import { toTags } from "./tags";
import type { AoResult, NetworkUrls, Tag } from "./types";

/** The response aoconnect's `request` resolves with (the platform fetch's). */
interface NodeResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

/** The part of aoconnect's mainnet API TIM3 calls (aoconnect 0.0.98 ships no types for it). */
interface MainnetApi {
  spawn(args: { module: string; authority?: string; tags: Tag[]; data?: string }): Promise<string>;
  request(params: Record<string, string>): Promise<NodeResponse>;
  result(args: { process: string; slot?: string; message?: string }): Promise<AoResult>;
  dryrun(args: { process: string; tags: Tag[]; data?: string }): Promise<AoResult>;
}

/** A scheduled message: its id and its assignment slot on the process (either names it in `result`). */
export interface SentMessage {
  messageId: string;
  slot: string;
  result: AoResult;
}

export interface AoClientOptions {
  network: NetworkUrls;
  signer?: Tim3Signer;
  /**
   * How long a push may take before it is reported slow (default 120 s). A synchronous node answers only once the
   * message and everything it caused are computed: a mint's push takes the whole cascade.
   */
  pushTimeoutMs?: number;
  /** Attempts at reading a result (default 5), 200 ms × attempt apart. */
  resultAttempts?: number;
}

export interface AoClient {
  readonly network: NetworkUrls;
  readonly signer: Tim3Signer | undefined;
  /** Spawns a process; Authority defaults to the network's scheduler (aoconnect's default too). */
  spawn(args: { module: string; authority?: string; tags: Tag[]; data?: string }): Promise<string>;
  /** Sends a signed message and reads its result (this message's own outbox). */
  send(process: string, tags: Tag[], data?: string): Promise<SentMessage>;
  /** The result of an earlier message, by slot or message id (a signed request, as a node requires). */
  result(process: string, slotOrMessageId: string): Promise<AoResult>;
  /** A dry-run on the node: evaluated, never scheduled (a signed request). */
  query(process: string, tags: Tag[], data?: string): Promise<AoResult>;
  /** Loads Lua into a process the signer owns (aos `Eval`); throws on a Lua error. */
  evalLua(process: string, lua: string): Promise<SentMessage>;
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function withRetry<T>(what: string, attempts: number, fn: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (e) {
      last = e;
      if (i + 1 < attempts) await new Promise((r) => setTimeout(r, 200 * (i + 1)));
    }
  }
  throw new Tim3Error(`${what} failed after ${attempts} attempts: ${describe(last)}`, { code: ClientErrorCodes.Network, action: "network" });
}

/** What aoconnect's signer is called with (ao-core-libs `toANS104Request` → `createDataItemSigner`'s `create`). */
interface CreateOptions {
  passthrough?: boolean;
  type?: number;
  publicKey?: unknown;
  alg?: string;
}
interface ItemFields {
  data: string | Uint8Array;
  tags: Tag[];
  target?: string;
  anchor?: string;
}
type CoreSigner = (create: (options: CreateOptions) => Promise<unknown>, kind: string) => Promise<unknown>;

function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === "string") {
    const b64 = v.replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  }
  throw new Error("the signer returned a signature in an unknown form");
}

/**
 * The id of the ANS-104 item a signer produced, with arbundles' own functions (the library aoconnect signs with):
 * either the signed item itself (`{ id, raw }`, a wallet that signs whole items), or a signature over the item that
 * aoconnect builds from `fields` (ao-core-libs `createDataItemSigner`: `createData(data, { signatureType, publicKey,
 * … }, { target, tags, anchor })`, then the signature at offset 2), rebuilt here the same way.
 */
async function signedItemId(fields: ItemFields, options: CreateOptions, signed: unknown): Promise<string> {
  const { DataItem, SIG_CONFIG, createData } = await import("@dha-team/arbundles");
  const out = signed as { id?: unknown; raw?: unknown; signature?: unknown };
  if (out.raw !== undefined && out.id !== undefined) return new DataItem(Buffer.from(toBytes(out.raw))).id;
  const type = options.type ?? 1;
  const config = SIG_CONFIG[type as keyof typeof SIG_CONFIG];
  if (config === undefined) throw new Error(`unknown signature type ${type}`);
  const meta = { ...config, signatureType: type, ownerLength: config.pubLength, signatureLength: config.sigLength, publicKey: Buffer.from(toBytes(options.publicKey)) };
  const item = createData(typeof fields.data === "string" ? fields.data : Buffer.from(fields.data), meta as never, {
    target: fields.target || undefined,
    anchor: fields.anchor || undefined,
    tags: fields.tags,
  });
  await item.setSignature(Buffer.from(toBytes(out.signature)));
  return item.id;
}

/**
 * The signer aoconnect is given for one push: the wallet's own signer, which also records the id of the item it
 * signed. (One per push, so concurrent pushes never mix their ids.)
 */
function recordingSigner(signer: CoreSigner): { signer: CoreSigner; id: () => Promise<string> } {
  let id: Promise<string> | undefined;
  const wrapped: CoreSigner = async (create, kind) => {
    let fields: ItemFields | undefined;
    let options: CreateOptions = {};
    const recordingCreate = async (opts: CreateOptions) => {
      options = opts;
      // The item's fields, as aoconnect holds them (a passthrough `create` returns them and builds nothing).
      if (kind === "ans104" && fields === undefined) fields = (await create({ passthrough: true })) as ItemFields;
      return opts.passthrough === true ? fields : create(opts);
    };
    const signed = await signer(recordingCreate, kind);
    if (kind === "ans104" && fields !== undefined) id = signedItemId(fields, options, signed);
    return signed;
  };
  return {
    signer: wrapped,
    id: () => id ?? Promise.reject(new Error("the signer signed no ANS-104 item")),
  };
}

/** aoconnect's normalisation of a result (ao-core.js `normalizeOutput`): the `raw` result with its lists defaulted. */
function normalizeResult(raw: unknown): AoResult {
  const body = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  return { Output: body.Output ?? {}, Messages: (body.Messages as AoResult["Messages"]) ?? [], Spawns: (body.Spawns as unknown[]) ?? [], Error: body.Error, ...body };
}

export function createAoClient(options: AoClientOptions): AoClient {
  const { network, signer } = options;
  const pushTimeoutMs = options.pushTimeoutMs ?? 120_000;
  const resultAttempts = options.resultAttempts ?? 5;
  const base = { MODE: "mainnet", URL: network.nodeUrl, ...(network.scheduler ? { SCHEDULER: network.scheduler } : {}) };
  // aoconnect binds the signer at connect time in mainnet mode. Every request is signed: a node verifies all bodies.
  const signed = signer ? (connect({ ...base, signer: signer.signer } as never) as unknown as MainnetApi) : undefined;
  const requireSigned = (what: string): MainnetApi => {
    if (signed === undefined) {
      throw new Tim3Error(`${what} needs a signer (a wallet): an AO node verifies the signature of every request`, { code: ClientErrorCodes.NoSigner, action: "validate" });
    }
    return signed;
  };
  const isSlot = (s: string) => /^\d+$/.test(s);
  const readResult = (process: string, slotOrId: string) => {
    const api = requireSigned("Reading a result");
    return withRetry(`Reading the result of ${slotOrId} on ${process}`, resultAttempts, () =>
      api.result(isSlot(slotOrId) ? { process, slot: slotOrId } : { process, message: slotOrId }),
    );
  };

  /** Pushes one signed message; answers the node's reply (parsed), the signed item's id, and the HTTP status. */
  async function push(process: string, tags: Tag[], data: string): Promise<{ messageId: string; reply: Record<string, unknown> }> {
    if (signer === undefined) requireSigned("Sending a message");
    const recording = recordingSigner((signer as Tim3Signer).signer as CoreSigner);
    const api = connect({ ...base, signer: recording.signer } as never) as unknown as MainnetApi;
    // aoconnect ao-core.js `messageWith`: the path, the target, data, the tags as fields, the AO params, and the
    // JSON transport params (`require-codec`); ao-core-libs drops Target/Data/Anchor/Path/Method from the tags.
    const params: Record<string, string> = {
      path: `/${process}~process@1.0/push`,
      target: process,
      data,
      ...Object.fromEntries(tags.map((t) => [t.name, t.value])),
      Type: "Message",
      "Data-Protocol": "ao",
      Variant: "ao.N.1",
      method: "POST",
      "signing-format": "ans104",
      "accept-bundle": "true",
      "require-codec": "application/json",
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slow = new Promise<never>((_, fail) => {
      timer = setTimeout(
        () =>
          fail(
            new Tim3Error(
              `Pushing ${tags.find((t) => t.name === Tags.Action)?.value ?? "a message"} to ${process}: no answer within ${pushTimeoutMs} ms (a node answers once ` +
                "the message and everything it caused are computed); it may still be scheduled — check its outcome before sending it again",
              { code: ClientErrorCodes.Timeout, action: "timeout", process },
            ),
          ),
        pushTimeoutMs,
      );
    });
    let response: NodeResponse;
    try {
      response = await Promise.race([api.request(params), slow]);
    } catch (e) {
      if (e instanceof Tim3Error) throw e;
      // Not retried: the node may have scheduled it, and a retry could schedule it twice.
      throw new Tim3Error(`Pushing a message to ${process} failed: ${describe(e)}`, { code: ClientErrorCodes.Network, action: "network", process });
    } finally {
      clearTimeout(timer);
    }
    const text = await response.text().catch(() => "");
    const address = await (signer as Tim3Signer).address();
    if (response.status === 402 || (response.status === 429 && /insufficient funds/i.test(text))) {
      throw nodeCreditError({ nodeUrl: network.nodeUrl, address, process, body: text });
    }
    if (!response.ok) {
      throw new Tim3Error(`Pushing a message to ${process}: the node answered HTTP ${response.status}${text ? `: ${text.slice(0, 300)}` : ""}`, {
        code: ClientErrorCodes.Network,
        action: "network",
        process,
      });
    }
    let reply: Record<string, unknown>;
    try {
      reply = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Tim3Error(`Pushing a message to ${process}: the node's answer is not JSON`, { code: ClientErrorCodes.Network, action: "network", process });
    }
    return { messageId: await recording.id(), reply };
  }

  return {
    network,
    signer,
    async spawn(args) {
      const api = requireSigned("Spawning a process");
      try {
        return await api.spawn({ module: args.module, authority: args.authority, tags: args.tags, data: args.data });
      } catch (e) {
        // aoconnect 0.0.98's mainnet spawn (ao-core.js `spawnWith`) drops the HTTP status: any answer without a
        // `process` header is "Error spawning process". When the node's ledger shows the signer below the price of one
        // message (or at 0 when it names no price), the refusal was dev_p4's 402: the Node-Credit error, as for a push.
        const address = await (signer as Tim3Signer).address();
        const charging = await nodeCharging(network.nodeUrl, address);
        if (charging !== undefined && charging.balance < (charging.price ?? Number.MIN_VALUE)) {
          throw nodeCreditError({ nodeUrl: network.nodeUrl, address, body: JSON.stringify({ price: charging.price, balance: charging.balance }) });
        }
        throw new Tim3Error(`Spawning a process at ${network.nodeUrl} failed: ${describe(e)}`, { code: ClientErrorCodes.Network, action: "network" });
      }
    },
    async send(process, tags, data) {
      const { messageId, reply } = await push(process, tags, data ?? "");
      const slot = reply.slot === undefined || reply.slot === null ? "" : String(reply.slot);
      if (!isSlot(slot)) throw new Tim3Error(`Pushing a message to ${process}: the node's answer names no slot`, { code: ClientErrorCodes.Network, action: "network", process });
      // dev_push's sync reply carries the result (result-depth 1); an async node's does not: read it by slot.
      const result = reply.raw !== undefined ? normalizeResult(reply.raw) : await readResult(process, slot);
      return { messageId, slot, result: result ?? {} };
    },
    async result(process, slotOrMessageId) {
      return (await readResult(process, slotOrMessageId)) ?? {};
    },
    async query(process, tags, data) {
      const api = requireSigned("A dry-run");
      const result = await withRetry(`A dry-run on ${process}`, 3, () => api.dryrun({ process, tags, data: data ?? "" }));
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
