/**
 * What a deploy costs on a node that charges, and a refusal that says what to do.
 *
 * How a HyperBEAM node charges (permaweb/HyperBEAM): `dev_p4` `request/3` asks the node's pricing device to
 * `estimate` a request and its ledger device for the signer's `balance`, and refuses the request before it is
 * scheduled when the balance is below the price (402, older nodes 429 "Insufficient funds"); `/~meta@1.0/*` is not
 * charged (`?DEFAULT_NON_CHARGABLE_ROUTES`). `dev_simple_pay` `estimate/3` prices a request at the number of messages
 * in it times the node's `simple_pay_price` (the operator pays nothing), and its `debit/3` takes that from the signer's
 * balance. Each spawn and each pushed message is one signed request of one message; the aos CLI tops a wallet up
 * through the node's ledger process, whose balance is read at `/ledger~node-process@1.0/now/balance/<address>`. The
 * local devnet (`--charging PRICE`) charges the same way: PRICE per spawn and per push, nothing for GETs.
 *
 * So a plan's need is: price × (spawns + Evals + Configures + hand-overs), the signed messages it sends. Reads (Info,
 * token-info: GETs of exposed state) are not counted; a node that charged for them would need more.
 */
import { ClientErrorCodes, Tim3Error, nodeCharging, type NodeCharging } from "@tim3/sdk";
import type { Plan } from "./plan";
import type { Manifest, NetworkConfig } from "./manifest";

type Fetch = typeof fetch;

/** The signed messages a plan sends, by kind (each one request the node may charge for). */
export interface PlanMessages {
  spawns: number;
  evals: number;
  configures: number;
  handOvers: number;
  total: number;
}

export interface CreditPlan {
  messages: PlanMessages;
  charging?: NodeCharging;
  /** price × messages, when the node charges and says its price. */
  need?: number;
  lines: string[];
}

/**
 * The signed messages applying `plan` sends: a spawn and an Eval per new process, an Eval per updated one, a Configure
 * per process the plan wires (more only if Info shows wiring missing that the state file did not know of), and a
 * `Configure Admin` per deployed process when it is handed to another admin.
 */
export function planMessages(manifest: Manifest, network: Pick<NetworkConfig, "external">, plan: Plan, handingOver: boolean): PlanMessages {
  const spawns = plan.steps.filter((s) => s.kind === "spawn").length;
  const evals = spawns + plan.steps.filter((s) => s.kind === "update").length;
  const configures = plan.configure.length;
  const handOvers = handingOver ? manifest.order.filter((role) => network.external?.[role] === undefined).length : 0;
  return { spawns, evals, configures, handOvers, total: spawns + evals + configures + handOvers };
}

/** The plan's credit need against what the node says, as lines for the plan. */
export async function creditPlan(nodeUrl: string, deployer: string, messages: PlanMessages, fetchFn: Fetch = fetch): Promise<CreditPlan> {
  const what =
    `${messages.total} signed message${messages.total === 1 ? "" : "s"} (${messages.spawns} spawn${messages.spawns === 1 ? "" : "s"}, ` +
    `${messages.evals} Eval${messages.evals === 1 ? "" : "s"}, ${messages.configures} Configure${messages.configures === 1 ? "" : "s"}` +
    `${messages.handOvers > 0 ? `, ${messages.handOvers} hand-over${messages.handOvers === 1 ? "" : "s"}` : ""})`;
  const charging = messages.total === 0 ? undefined : await nodeCharging(nodeUrl, deployer, fetchFn);
  if (charging === undefined) return { messages, lines: [`credit    this plan sends ${what}; the node keeps no ledger for ${deployer}: it does not charge`] };
  if (charging.price === undefined) {
    return {
      messages,
      charging,
      lines: [`credit    this plan sends ${what}; the node charges per message (its price is not in its /~meta@1.0/info); ${deployer} has ${charging.balance} (${charging.balanceUrl})`],
    };
  }
  const need = charging.price * messages.total;
  const short = charging.balance < need;
  return {
    messages,
    charging,
    need,
    lines: [
      `credit    this plan sends ${what} at ${charging.price} each: it needs ${need} credit; ${deployer} has ${charging.balance}` +
        `${short ? ` — ${need - charging.balance} short: top up first` : ""} (${charging.balanceUrl})`,
    ],
  };
}

/**
 * Refuses, before anything is sent, a deploy the deployer's credit cannot pay for: it would stop half-way, with
 * processes spawned and not wired. The SDK's Node-Credit error: callers branch on its code, people read whom to top up.
 */
export function assertCredit(nodeUrl: string, deployer: string, credit: CreditPlan): void {
  const { need, charging } = credit;
  if (need === undefined || charging === undefined || charging.balance >= need) return;
  const node = nodeUrl.replace(/\/+$/, "");
  throw new Tim3Error(
    `The node ${node} charges for messages: this deploy sends ${credit.messages.total} at ${charging.price} each, so it needs ${need} credit, and ` +
      `${deployer} has ${charging.balance}: nothing was sent. Top up ${deployer} with at least ${need - charging.balance} at this node's ledger ` +
      `(ledger~node-process@1.0) — with the aos CLI: \`aos --topup\` with this wallet and AO_URL=${node} — then deploy again. Its credit: ${charging.balanceUrl}`,
    {
      code: ClientErrorCodes.NodeCredit,
      action: "network",
      payment: { address: deployer, nodeUrl: node, balanceUrl: charging.balanceUrl, price: String(charging.price), balance: String(charging.balance) },
    },
  );
}
