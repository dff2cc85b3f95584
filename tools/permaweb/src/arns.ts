/**
 * Pointing an ArNS name at a deployment: the name's ANT (an AO process) gets `setBaseNameRecord` for the name itself
 * ("@") or `setUndernameRecord` for an undername (@ar.io/sdk 3.24; its `setRecord` is deprecated). AR.IO's network
 * cannot be reached from here, so tests cover the plan and which write is made; the write goes through the well-kept
 * @ar.io/sdk exactly as it would on mainnet. The SDK stays on 3.x: 4.x moves ANTs to Solana.
 */
import { ANT, ArweaveSigner, type AoANTWrite } from "@ar.io/sdk";
import type { JWKInterface } from "arweave/node/lib/wallet";

export interface ArnsRecordPlan {
  name: string;
  undername: string;
  antProcessId: string;
  transactionId: string;
  ttlSeconds: number;
  url: string;
}

/** `transactionId` undefined means "the manifest this deploy will create" (a dry-run). */
export function planArnsRecord(name: string, antProcessId: string, transactionId: string | undefined, undername = "@", ttlSeconds = 3600): ArnsRecordPlan {
  if (!/^[a-z0-9-]{1,51}$/.test(name)) throw new Error(`ArNS name must be 1-51 lower-case letters, digits or dashes (got ${name})`);
  if (!/^[A-Za-z0-9_-]{43}$/.test(antProcessId)) throw new Error("the ANT process id must be 43 base64url characters");
  if (transactionId !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(transactionId)) throw new Error("the manifest id must be 43 base64url characters");
  const host = undername === "@" ? name : `${undername}_${name}`;
  return { name, undername, antProcessId, transactionId: transactionId ?? "<the new manifest>", ttlSeconds, url: `https://${host}.ar.io` };
}

/** The ANT writes this uses; an ANT client from @ar.io/sdk has both. */
export type AntRecordWriter = Pick<AoANTWrite, "setBaseNameRecord" | "setUndernameRecord">;

/** Writes the record: the base name ("@") and an undername are different ANT actions. Returns the message id. */
export async function writeArnsRecord(ant: AntRecordWriter, plan: ArnsRecordPlan): Promise<string> {
  const { transactionId, ttlSeconds } = plan;
  const result =
    plan.undername === "@"
      ? await ant.setBaseNameRecord({ transactionId, ttlSeconds })
      : await ant.setUndernameRecord({ undername: plan.undername, transactionId, ttlSeconds });
  return result.id;
}

export async function setArnsRecord(plan: ArnsRecordPlan, jwk: JWKInterface): Promise<string> {
  return writeArnsRecord(ANT.init({ processId: plan.antProcessId, signer: new ArweaveSigner(jwk) }), plan);
}
