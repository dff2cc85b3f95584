/**
 * Relays really signed: every message the node relays from a process's outbox is an ANS-104 data item signed with
 * the node's key (or the second authority's, ./relay-authority.ts), and its id is that item's id.
 *
 * What HyperBEAM does: dev_push `push_result_message/4` → `schedule_result/5` commits each outbox message afresh with
 * the node's wallet (`hb_message:commit(additional_keys(Origin, MsgToPush, Opts), Opts, Codec)`: httpsig@1.0 first,
 * ans104@1.0 when the scheduler refuses that with 422), and the pushed message's id is that commitment's
 * (`hb_message:id(PushedMsg, all, Opts)`). RSA-PSS signatures are randomised, so pushing the same outbox again
 * (re-push, ./node.ts `repush`) gives a new signature and a new id. The devnet signs the ANS-104 form, the one
 * aoconnect and every aos-2 reader verify, with @dha-team/arbundles (what aoconnect signs with; ./data-item.ts
 * verifies with it): target = the relayed target, tags = the relayed tags in order (From-Process, Reference, …),
 * data = the relayed data, no anchor (dev_json_iface `preprocess_results/2` drops the outbox message's `anchor`).
 * No cryptography here is our own.
 *
 * Each signed item is kept (its raw bytes, in <dataDir>/relay-signatures.lmdb, written before its id is handed to the
 * node, so a relay in the node's log always has its item) for the schedule route (./scheduler.ts), which serves what
 * HyperBEAM's dev_json_iface `message_to_json_struct` serves for a signed message: `Signature` (base64url of the
 * 512-byte RSA signature), `Owner` (the signer's address) and, as newer HyperBEAM does, `PublicKey` (the commitment's
 * keyid without its `publickey:` scheme: the signer's RSA modulus, base64url), with the item's own tags
 * (`prepare_tags`: an ans104 commitment's `original-tags`), target and data. From those a reader rebuilds the item
 * and verifies it (test/relay-signature.test.ts `verifiedSigner`).
 */
import { createPrivateKey, type JsonWebKey } from "node:crypto";
import { join } from "node:path";
import { createData, DataItem, Rsa4096 } from "@dha-team/arbundles";
import type { Envelope } from "@tim3/local-ao";
import { jwkAddress, type ArweaveJwk } from "@tim3/sdk";
import { open, type Database } from "lmdb";

/** An ANS-104 target is a 32-byte id; anything else (a target no node hosts) is signed without one. */
const ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * arbundles' RSA-4096 PSS signer (`Rsa4096`: the padding, salt length and hash its ArweaveSigner signs with) holding the
 * key imported once by Node. ArweaveSigner turns the JWK into PEM and Node parses it again for every signature, which
 * costs more than half again the RSA operation itself (measured here: ~9 vs ~5.6 ms a signature).
 */
class ImportedKeySigner extends Rsa4096 {
  constructor(jwk: ArweaveJwk) {
    // Rsa4096 hands `_key` to crypto.createSign().sign({ key }), which takes a KeyObject as well as a PEM string.
    super(createPrivateKey({ key: jwk as unknown as JsonWebKey, format: "jwk" }) as unknown as string, jwk.n);
  }

  override get publicKey(): Buffer {
    return Buffer.from(this.pk ?? "", "base64url");
  }
}

/** What the schedule route serves of a relayed message's signed item (dev_json_iface `message_to_json_struct`). */
export interface RelayCommitment {
  /** base64url of the RSA-PSS signature. */
  signature: string;
  /** base64url of the signer's public key (RSA modulus): its sha256 is the Owner address. */
  publicKey: string;
  /** The item's target (none: a relay carries no anchor). */
  target: string;
  /** The item's tags, in the order they were signed. */
  tags: { name: string; value: string }[];
  data: string;
}

/** Signs relayed messages with the node's keys and keeps each signed item, by id, for the schedule route. */
export class RelaySignatures {
  private constructor(
    private readonly signers: Map<string, ImportedKeySigner>,
    private readonly items: Database<Buffer, string>,
    private readonly log?: (line: string) => void,
  ) {}

  /** `keys`: the node's wallet and, on a node with a second authority, the legacy relay's. */
  static async open(dataDir: string, keys: ArweaveJwk[], log?: (line: string) => void): Promise<RelaySignatures> {
    const signers = new Map<string, ImportedKeySigner>();
    for (const jwk of keys) signers.set(await jwkAddress(jwk), new ImportedKeySigner(jwk));
    // noSync as the node's own log (./store.ts): a commit survives a SIGKILL of this process.
    const items = open<Buffer, string>({ path: join(dataDir, "relay-signatures.lmdb"), encoding: "binary", compression: false, noSync: true });
    return new RelaySignatures(signers, items, log);
  }

  /**
   * The engine's `signRelay` hook: signs `relayed` as an ANS-104 item under the key of its `owner` (the authority
   * the node relays it under) and answers the item's id, which becomes the relayed message's id.
   */
  readonly signRelay = async (relayed: Envelope): Promise<string> => {
    const signer = this.signers.get(relayed.owner);
    if (signer === undefined) throw new Error(`the node holds no key for ${relayed.owner}, the authority this message is relayed under`);
    const tags = Object.entries(relayed.tags).map(([name, value]) => ({ name, value }));
    let item: DataItem;
    try {
      item = createData(relayed.data, signer, { ...(ID.test(relayed.target) ? { target: relayed.target } : {}), tags });
    } catch (e) {
      // arbundles refuses tags over MAX_TAG_BYTES (4096 serialised bytes). HyperBEAM would still relay such a message
      // (signed as httpsig@1.0, which has no such limit), so it is relayed here too, under the fresh id `relay` gave
      // it and without an item: the schedule serves it with an empty Signature. Never a stuck queue.
      this.log?.(`relay ${relayed.id} to ${relayed.target} not signed as ANS-104: ${e instanceof Error ? e.message : String(e)}`);
      return relayed.id;
    }
    await item.sign(signer);
    // Durable (to the node's own standard) before the node logs the relay under this id.
    this.items.putSync(item.id, Buffer.from(item.getRaw()));
    return item.id;
  };

  /** The raw bytes of the item a relayed message was signed as, if the node signed one with that id. */
  private rawItem(id: string): Buffer | undefined {
    return this.items.getBinary(id) ?? undefined;
  }

  /** What a reader needs to verify the relayed message `id`, if this node signed it. */
  commitment(id: string): RelayCommitment | undefined {
    const raw = this.rawItem(id);
    if (raw === undefined) return undefined;
    const item = new DataItem(raw);
    return { signature: item.signature, publicKey: item.owner, target: item.target, tags: item.tags, data: item.rawData.toString("utf8") };
  }

  async close(): Promise<void> {
    await this.items.close();
  }
}
