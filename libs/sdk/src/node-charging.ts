/**
 * Whether a node charges an address, read from the node itself (permaweb/HyperBEAM): `dev_p4` `request/3` refuses a
 * request whose signer's balance at the node's ledger (`ledger~node-process@1.0`, read at
 * `/ledger~node-process@1.0/now/balance/<address>`) is below the price its pricing device estimates; `dev_simple_pay`
 * prices a request at `simple_pay_price` per message, which the node message names (`GET /~meta@1.0/info`, dev_meta
 * `info/3`; `/~meta@1.0/*` is never charged). Used where aoconnect hides the 402 (its spawn) and by deploy plans.
 */
type Fetch = typeof fetch;

/** What the node says about charging an address: undefined when it keeps no ledger (it does not charge). */
export interface NodeCharging {
  /** The node's price per message (`simple_pay_price` in its `/~meta@1.0/info`), when it says. */
  price?: number;
  /** The address's credit at the node's ledger. */
  balance: number;
  balanceUrl: string;
}

async function get(fetchFn: Fetch, url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const r = await fetchFn(url, { signal: AbortSignal.timeout(20_000) });
    return { status: r.status, body: await r.text() };
  } catch {
    return undefined;
  }
}

/**
 * Asks the node whether it charges `address` (its ledger's balance for it; a 404 there: no ledger, no charge) and
 * its price per message (`simple_pay_price` of its node message).
 */
export async function nodeCharging(nodeUrl: string, address: string, fetchFn: Fetch = fetch): Promise<NodeCharging | undefined> {
  const base = nodeUrl.replace(/\/+$/, "");
  const balanceUrl = `${base}/ledger~node-process@1.0/now/balance/${address}`;
  const ledger = await get(fetchFn, balanceUrl);
  if (ledger === undefined || ledger.status !== 200) return undefined;
  const balance = Number(ledger.body.trim().replace(/^"|"$/g, ""));
  if (!Number.isFinite(balance)) return undefined;
  let price: number | undefined;
  const info = await get(fetchFn, `${base}/~meta@1.0/info/serialize~json@1.0`);
  if (info?.status === 200) {
    try {
      const parsed = JSON.parse(info.body) as Record<string, unknown>;
      const value = Number(parsed.simple_pay_price ?? parsed["simple-pay-price"]);
      if (Number.isFinite(value) && value >= 0) price = value;
    } catch {
      // No JSON node message: the price is not known.
    }
  }
  return { ...(price !== undefined ? { price } : {}), balance, balanceUrl };
}
