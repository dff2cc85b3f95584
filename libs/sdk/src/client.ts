/**
 * The TIM3 client: typed reads of the state the processes expose (a Tim3Reader, ./reader: HTTP GETs on a HyperBEAM
 * node) and actions (message + result, through aoconnect) on the five TIM3 processes. Reads that name no account use
 * the signer's address.
 * Quantities are decimal digit strings in base units; convert human amounts with toBaseUnits/fromBaseUnits
 * from @tim3/protocol (or the `toUnits`/`fromUnits` helpers here, which read the token's Denomination).
 */
import {
  Actions, ErrorCodes, OperationKind, RolePeerTags, OperationStatus, PeerTags, Tags, TokenNames, compare, type OperationKindName, type OperationStatusName,
  type OwedTokens, type ReleaseOutcome, type Scope,
} from "@tim3/protocol";
import { createAoClient, type AoClient } from "./ao";
import { ClientErrorCodes, Tim3Error, errorFromReplies, errorFromResult } from "./errors";
import { createTim3Reader, type Operation, type OwedReturns, type OwingRole, type ProcessRef, type Tim3Reader, type TokenName } from "./reader";
import type { StateFetch, TokenForm } from "./state-reads";
import type { Tim3Signer } from "./signers";
import {
  mintTags, pauseTags, redeemTags, requireQuantity, requireRequestId, resolveReleaseTags, resumeTags, setLimitsTags, settleTags, toReply, toTags,
  transferTags, type LimitsInput,
} from "./tags";
import type { AoResult, NetworkUrls, ProcessRole, Quantity, Reply, Sent, Tag, Tim3Processes } from "./types";

export interface Tim3ClientOptions {
  network: NetworkUrls;
  processes: Tim3Processes;
  /** Needed for actions; queries work without one. */
  signer?: Tim3Signer;
  /**
   * How the USDA publishes its state (the deployment records it: "blueprint" for the real USDA and the devnet's
   * blueprint-like double, "tim3" for TIM3's mock), so its first balance read asks the right path: one round trip.
   * Unknown (undefined): TIM3's form is asked first and the blueprint's on a 404, once per client.
   */
  usdaForm?: TokenForm;
  /** The GET state reads are sent with (default: the platform fetch; Node clients: `nodeFetch()` of @tim3/sdk/node). */
  fetch?: StateFetch;
  /**
   * How long a push may take (default 120 s) before it is reported as slow (a Timeout naming the action and the
   * process). A node answers a push once the message and everything it caused are computed.
   */
  pushTimeoutMs?: number;
  /**
   * USDA's authorities (its spawn's Authority tags), for `usdaVerdict` when USDA's spawn is not at slot 0 of its
   * schedule on this node (a process from before mainnet); default: read from that spawn.
   */
  usdaAuthorities?: string[];
}


export type { AuditEntry, Circuit, Health, HealthComponents, HistoryPoint, Reserves } from "@tim3/protocol";

export interface OperationProgress {
  requestId: string;
  /** "unknown" until the Coordinator has a record of the request. */
  status: OperationStatusName | "unknown";
  operation?: Operation;
  elapsedMs: number;
  attempt: number;
}

/** Whose operation of which kind: an operation is the user's only when both match what the user sent. */
export interface OperationOwner {
  /** Default: the signer's address. */
  holder?: string;
  kind?: OperationKindName;
}

export interface WaitOptions extends OperationOwner {
  timeoutMs?: number;
  /** The longest wait between two reads (default 1 s). */
  intervalMs?: number;
  /**
   * The first wait (default 25 ms); each next one is 1.5× longer, up to `intervalMs`. A flow that completes fast is
   * seen soon after, and a slow one is not read back-to-back (each read is an evaluation on the node).
   */
  firstIntervalMs?: number;
  onProgress?: (p: OperationProgress) => void;
}

export interface FlowRequest {
  requestId: string;
  holder: string;
  kind: OperationKindName;
  messageId: string;
  /** The Transfer's assignment slot on the token process. */
  slot: string;
  quantity: Quantity;
}



/** The outcome of Claim-Returns: the message, and what the process sent back (one Transfer per token, to the signer). */
export interface ClaimedReturns extends Sent {
  paid: OwedTokens;
}

/** A patch@1.0 message (state exposure) is for the node, not a reply. */
function isPatch(m: { Tags?: { name: string; value: unknown }[] }): boolean {
  return (m.Tags ?? []).some((t) => t.name === "device" && t.value === "patch@1.0");
}

function replies(result: AoResult): Reply[] {
  return (result.Messages ?? []).filter((m) => !isPatch(m)).map(toReply);
}

/** The reads of a Tim3Reader (./reader), where an account left out is the signer's, and the actions. */
export interface Tim3Client extends Omit<Tim3Reader, "balance" | "getOperation" | "operations" | "owedReturns"> {
  readonly ao: AoClient;
  address(): Promise<string>;
  balance(token: TokenName, account?: string): Promise<Quantity>;
  transfer(token: TokenName, recipient: string, quantity: Quantity, xTags?: Record<string, string>): Promise<Sent>;
  mint(quantity: Quantity, options?: { requestId?: string }): Promise<FlowRequest>;
  redeem(quantity: Quantity, options?: { requestId?: string }): Promise<FlowRequest>;
  /** The holder's operation with this request id (undefined when none, or when it is not of `kind`). */
  getOperation(requestId: string, owner?: OperationOwner): Promise<Operation | undefined>;
  waitForOperation(requestId: string, options?: WaitOptions): Promise<Operation>;
  operations(holder?: string): Promise<Operation[]>;
  /** Per TIM3 process, what it keeps for the account (default: the signer) past its return limit; `owed` [] when nothing. */
  owedReturns(account?: string): Promise<OwedReturns[]>;
  /**
   * Claim-Returns: asks one process for everything it keeps for the signer; `paid` is what it sent back. A process that
   * owes the signer nothing: Tim3Error with code Nothing-Owed.
   */
  claimReturns(process: OwingRole | string): Promise<ClaimedReturns>;
  // admin
  pause(scope: Scope, reason?: string): Promise<Sent>;
  resume(scope: Scope): Promise<Sent>;
  setLimits(scope: Scope, limits: LimitsInput): Promise<Sent>;
  /** Re-sends the unconfirmed steps of a stuck pending operation (Coordinator; idempotent). */
  settleOperation(requestId: string, holder?: string): Promise<Sent>;
  /**
   * Resolves a disputed or unconfirmed transfer of the Lock Manager (a release by its operation key, a refund or return
   * by its deposit id) as USDA's own result for its Transfer says, and only once USDA has computed it (`usdaVerdict`,
   * DISPUTE_REMEDY; never from balances): paid → done; failed → a release's TIM3 minted back, a refund sent again.
   * `transferReference`: the X-Reference of the Transfer judged (`UnsettledTransfer.reference`); required to send a
   * refund or return again, so a verdict on an attempt sent again already is refused instead of paying twice.
   */
  resolveRelease(operation: string, outcome: ReleaseOutcome, transferReference?: string): Promise<Sent>;
  configure(process: ProcessRef, tags: Record<string, string>): Promise<Sent>;
  faucet(quantity?: Quantity): Promise<Sent>;
  setFaucet(settings: { quantity: Quantity; periodMs?: number }): Promise<Sent>;
  /** Mock USDA only (devnet): the admin mints USDA to a recipient. */
  mintUsda(recipient: string, quantity: Quantity): Promise<Sent>;
  /** Any action: sends the tags, returns the reply named `expect`, throws Tim3Error on `<Action>-Error`. */
  call(process: ProcessRef, tags: Tag[], expect?: string, data?: string): Promise<Sent>;
  /**
   * Any query by dry-run, for actions nothing exposes. AO mainnet (HyperBEAM) serves no dry-runs: TIM3's own reads
   * never use this when the network has a node URL.
   */
  query(process: ProcessRef, tags: Tag[]): Promise<Reply>;
}

export function createTim3Client(options: Tim3ClientOptions): Tim3Client {
  const ao = createAoClient({ network: options.network, signer: options.signer, pushTimeoutMs: options.pushTimeoutMs });
  const reader: Tim3Reader = createTim3Reader({ nodeUrl: options.network.nodeUrl, processes: options.processes, usdaForm: options.usdaForm, fetch: options.fetch, usdaAuthorities: options.usdaAuthorities });
  const { processes, processId } = reader;
  const tokenId = (token: TokenName): string => (token === TokenNames.Usda ? processes.usda : processes.tokenManager);
  const address = async (): Promise<string> => {
    if (options.signer === undefined) throw new Tim3Error("This needs a signer (a wallet)", { code: ClientErrorCodes.NoSigner, action: "validate" });
    return options.signer.address();
  };

  /**
   * A Transfer the token refuses for balance stays its signer's signed request: anyone who read it off the scheduler
   * can have it assigned again once the wallet is funded, and it moves value then (PROTOCOL.md, "A refused Transfer
   * from a sender that held nothing can go through later"; tests/flows/test/refused-before-holding.test.ts). So the
   * wallet signs none the token could not refuse for good: TIM3 remembers the refusals of a wallet that holds some
   * TIM3, none while it holds none; a blueprint token (the real USDA) remembers none, so a USDA Transfer must be covered.
   */
  async function requireCovered(token: TokenName, quantity: Quantity): Promise<void> {
    const held = await reader.balance(token, await address());
    const short = token === TokenNames.Usda ? compare(held, quantity) < 0 : held === "0";
    if (!short) return;
    throw new Tim3Error(
      `Insufficient balance: ${held} ${token === TokenNames.Usda ? "USDA" : "TIM3"} held, ${quantity} asked; not signed (a refused Transfer could be carried out later, once the wallet is funded)`,
      { code: ErrorCodes.InsufficientBalance, action: Actions.Transfer, process: tokenId(token) },
    );
  }

  async function query(ref: ProcessRef, tags: Tag[]): Promise<Reply> {
    const pid = processId(ref);
    const action = tags.find((t) => t.name === Tags.Action)?.value ?? "";
    const result = await ao.query(pid, tags);
    const failed = errorFromResult(action, result, pid);
    if (failed) throw failed;
    const all = replies(result);
    const err = errorFromReplies(action, all, pid);
    if (err) throw err;
    const reply = all.find((r) => r.action === action) ?? all[0];
    if (reply === undefined) throw new Tim3Error(`${action}: the process sent no reply`, { code: ClientErrorCodes.NoReply, action, process: pid });
    return reply;
  }

  async function call(ref: ProcessRef, tags: Tag[], expect?: string, data?: string): Promise<Sent> {
    const pid = processId(ref);
    const action = tags.find((t) => t.name === Tags.Action)?.value ?? "";
    const { messageId, slot, result } = await ao.send(pid, tags, data);
    const failed = errorFromResult(action, result, pid);
    if (failed) throw failed;
    const all = replies(result);
    const err = errorFromReplies(action, all, pid);
    if (err) throw err;
    const reply = expect === undefined ? all[0] : all.find((r) => r.action === expect);
    if (expect !== undefined && reply === undefined) {
      const said = all.map((r) => r.action ?? r.data).join(", ");
      throw new Tim3Error(`${action}: no ${expect} reply${said ? ` (got: ${said})` : ""}`, { code: ClientErrorCodes.NoReply, action, messageId, process: pid });
    }
    return { messageId, slot, reply, result };
  }

  const client: Tim3Client = {
    ao,
    state: reader.state,
    processes,
    address,
    processId,
    info: reader.info,
    denomination: reader.denomination,
    toUnits: reader.toUnits,
    fromUnits: reader.fromUnits,
    balance: async (token, account) => reader.balance(token, account ?? (await address())),
    totalSupply: reader.totalSupply,
    async transfer(token, recipient, quantity, xTags = {}) {
      const tags = transferTags(recipient, quantity, xTags);
      await requireCovered(token, quantity);
      return call(tokenId(token), tags, Actions.DebitNotice);
    },
    async mint(quantity, opts = {}) {
      const requestId = requireRequestId(opts.requestId);
      const q = requireQuantity(quantity);
      await requireCovered(TokenNames.Usda, q);
      const sent = await call(processes.usda, mintTags(processes.lockManager, q, requestId), Actions.DebitNotice);
      return { requestId, holder: await address(), kind: OperationKind.Mint, messageId: sent.messageId, slot: sent.slot, quantity: q };
    },
    async redeem(quantity, opts = {}) {
      const requestId = requireRequestId(opts.requestId);
      const q = requireQuantity(quantity);
      await requireCovered(TokenNames.Tim3, q);
      const sent = await call(processes.tokenManager, redeemTags(processes.coordinator, q, requestId), Actions.DebitNotice);
      return { requestId, holder: await address(), kind: OperationKind.Redeem, messageId: sent.messageId, slot: sent.slot, quantity: q };
    },
    getOperation: async (requestId, owner = {}) => reader.getOperation(requestId, { holder: owner.holder ?? (await address()), kind: owner.kind }),
    async waitForOperation(requestId, opts = {}) {
      const timeoutMs = opts.timeoutMs ?? 120_000;
      const intervalMs = opts.intervalMs ?? 1_000;
      let waitMs = Math.min(opts.firstIntervalMs ?? 25, intervalMs);
      const started = Date.now();
      for (let attempt = 1; ; attempt++) {
        const op = await client.getOperation(requestId, { holder: opts.holder, kind: opts.kind });
        const elapsedMs = Date.now() - started;
        opts.onProgress?.({ requestId, status: op?.status ?? "unknown", operation: op, elapsedMs, attempt });
        if (op !== undefined && op.status !== OperationStatus.Pending) return op;
        if (elapsedMs + waitMs > timeoutMs) {
          throw new Tim3Error(`Operation ${requestId} is still ${op?.status ?? "unknown"} after ${elapsedMs} ms`, {
            code: ClientErrorCodes.Timeout,
            action: "timeout",
            requestId,
            process: processes.coordinator,
          });
        }
        await new Promise((r) => setTimeout(r, waitMs));
        waitMs = Math.min(intervalMs, Math.ceil(waitMs * 1.5));
      }
    },
    reserves: reader.reserves,
    health: reader.health,
    history: reader.history,
    operations: async (holder) => reader.operations(holder ?? (await address())),
    owedReturns: async (account) => reader.owedReturns(account ?? (await address())),
    async claimReturns(process) {
      const sent = await call(process, toTags({ [Tags.Action]: Actions.ClaimReturns }));
      const me = await address();
      // The process pays with a Transfer per token to the claimer, X-Action = Refund (process-kit returns.ts claimReturns).
      const paid: OwedTokens = replies(sent.result)
        .filter((r) => r.action === Actions.Transfer && r.target !== undefined && r.tags[Tags.Recipient] === me && r.tags[Tags.XAction] === Actions.Refund)
        .map((r) => ({ token: r.target as string, quantity: r.tags[Tags.Quantity] }));
      return { ...sent, paid };
    },
    pendingOperations: reader.pendingOperations,
    disputedOperations: reader.disputedOperations,
    unsettledTransfers: reader.unsettledTransfers,
    usdaVerdict: reader.usdaVerdict,
    limits: reader.limits,
    auditLog: reader.auditLog,
    pause: (scope, reason) => call(processes.stateManager, pauseTags(scope, reason), Actions.PauseDone),
    resume: (scope) => call(processes.stateManager, resumeTags(scope), Actions.ResumeDone),
    setLimits: (scope, limits) => call(processes.coordinator, setLimitsTags(scope, limits), Actions.SetLimitsDone),
    settleOperation: (requestId, holder) => call(processes.coordinator, settleTags(requestId, holder), Actions.SettleOperationDone),
    resolveRelease: (operation, outcome, transferReference) =>
      call(processes.lockManager, resolveReleaseTags(operation, outcome, transferReference), Actions.ResolveReleaseDone),
    configure: (process, tags) => call(process, toTags({ [Tags.Action]: Actions.Configure, ...tags }), Actions.ConfigureDone),
    faucet: (quantity) =>
      call(
        processes.usda,
        toTags({ [Tags.Action]: Actions.Faucet, [Tags.Quantity]: quantity === undefined ? undefined : requireQuantity(quantity) }),
        Actions.FaucetDone,
      ),
    setFaucet: (s) =>
      call(
        processes.usda,
        toTags({
          [Tags.Action]: Actions.SetFaucet,
          [Tags.Quantity]: requireQuantity(s.quantity, Tags.Quantity, false),
          [Tags.Period]: s.periodMs === undefined ? undefined : String(Math.trunc(s.periodMs)),
        }),
        Actions.SetFaucetDone,
      ),
    mintUsda: (recipient, quantity) =>
      call(
        processes.usda,
        toTags({ [Tags.Action]: Actions.Mint, [Tags.Recipient]: recipient, [Tags.Quantity]: requireQuantity(quantity) }),
        Actions.MintDone,
      ),
    call,
    query,
  };
  return client;
}

/** Configure tag names by role (libs/protocol's topology), for `configure(process, { [peerTag("coordinator")]: id })`. */
export function peerTag(role: ProcessRole | "admin"): string {
  return role === "admin" ? PeerTags.Admin : RolePeerTags[role];
}
