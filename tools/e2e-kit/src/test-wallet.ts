/**
 * A Wander stand-in for the e2e: `window.arweaveWallet` in the page (page.addInitScript) whose signDataItem is
 * forwarded to Node (page.exposeBinding), where the holder's real JWK signs the ANS-104 data item with arbundles
 * (through @tim3/sdk/keys: the library aoconnect itself uses). The page never sees the key. Every call is recorded in
 * `window.__walletCalls`, so tests can assert which Wander API calls the site makes.
 */
import type { Page } from "@playwright/test";
import { signDataItem, type ArweaveJwk } from "@tim3/sdk/keys";

interface SignRequest {
  data: string;
  dataEncoding: "utf8" | "base64";
  tags?: { name: string; value: string }[];
  target?: string;
  anchor?: string;
}

export async function installTestWallet(page: Page, jwk: ArweaveJwk, address: string): Promise<void> {
  await page.exposeBinding("__testWalletSign", async (_source, req: SignRequest) => {
    const data = req.dataEncoding === "base64" ? Buffer.from(req.data, "base64") : req.data;
    const { raw } = await signDataItem(jwk, { data, tags: req.tags, target: req.target, anchor: req.anchor });
    return Buffer.from(raw).toString("base64");
  });
  await page.addInitScript(
    ({ address, publicKey }) => {
      type Item = { data?: string | ArrayBuffer | Uint8Array; tags?: { name: string; value: string }[]; target?: string; anchor?: string };
      const w = window as unknown as Record<string, unknown>;
      // Like Wander, permissions outlive a page load (kept per tab here); so does the call log.
      const store = window.sessionStorage;
      const calls: [string, unknown?][] = JSON.parse(store.getItem("__walletCalls") ?? "[]");
      const record = (name: string, args?: unknown) => {
        calls.push([name, args]);
        store.setItem("__walletCalls", JSON.stringify(calls));
      };
      w.__walletCalls = calls;
      let granted: string[] = JSON.parse(store.getItem("__walletGranted") ?? "[]");
      const grant = (p: string[]) => {
        granted = p;
        store.setItem("__walletGranted", JSON.stringify(p));
      };
      const needs = (p: string) => {
        if (!granted.includes(p)) throw new Error(`Missing permission ${p}`);
      };
      const toBase64 = (bytes: Uint8Array) => {
        let s = "";
        for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
        return btoa(s);
      };
      w.arweaveWallet = {
        walletName: "Wander (e2e)",
        walletVersion: "test",
        async connect(permissions: string[], appInfo?: unknown) {
          record("connect", { permissions, appInfo });
          grant(Array.from(new Set([...granted, ...permissions])));
        },
        async disconnect() {
          record("disconnect");
          grant([]);
        },
        async getPermissions() {
          record("getPermissions");
          return granted;
        },
        async getActiveAddress() {
          record("getActiveAddress");
          needs("ACCESS_ADDRESS");
          return address;
        },
        async getActivePublicKey() {
          record("getActivePublicKey");
          needs("ACCESS_PUBLIC_KEY");
          return publicKey;
        },
        async signDataItem(item: Item) {
          record("signDataItem", { tags: item.tags, target: item.target });
          needs("SIGN_TRANSACTION");
          const raw = item.data ?? "";
          const req =
            typeof raw === "string"
              ? { data: raw, dataEncoding: "utf8" }
              : { data: toBase64(raw instanceof Uint8Array ? raw : new Uint8Array(raw)), dataEncoding: "base64" };
          const signed = await (w.__testWalletSign as (r: unknown) => Promise<string>)({ ...req, tags: item.tags, target: item.target, anchor: item.anchor });
          const bin = atob(signed);
          const out = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
          return out.buffer;
        },
      };
      window.dispatchEvent(new Event("arweaveWalletLoaded"));
    },
    { address, publicKey: jwk.n },
  );
}

/** The Wander API methods the page has called so far, in order, without repeats. */
export async function walletCallNames(page: Page): Promise<string[]> {
  const calls = (await page.evaluate(() => (window as unknown as { __walletCalls: [string][] }).__walletCalls)) ?? [];
  return Array.from(new Set(calls.map((c) => c[0])));
}
