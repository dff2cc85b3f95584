/**
 * Pointing an ArNS name at a deployment: the name's ANT (an AO process) gets a setRecord for the undername ("@" for
 * the name itself). AR.IO's network cannot be reached from here, so tests cover the plan; the write goes through
 * the well-kept @ar.io/sdk exactly as it would on mainnet.
 */
import { ANT, ArweaveSigner } from "@ar.io/sdk";
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

export async function setArnsRecord(plan: ArnsRecordPlan, jwk: JWKInterface): Promise<string> {
  const ant = ANT.init({ processId: plan.antProcessId, signer: new ArweaveSigner(jwk) });
  const result = await ant.setRecord({ undername: plan.undername, transactionId: plan.transactionId, ttlSeconds: plan.ttlSeconds });
  return result.id;
}
