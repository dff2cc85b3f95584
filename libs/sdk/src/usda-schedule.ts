/**
 * USDA's own verdict on one of the Lock Manager's Transfers, read over HTTP: what the console and the CLI offer the
 * admin for a disputed or unconfirmed transfer (libs/protocol's `usdaVerdict`, PROTOCOL.md "Verdicts follow USDA's
 * own result"). Never from balances: a Transfer the node has not pushed yet leaves them exactly as if it had failed.
 *
 * What it reads, as a HyperBEAM node serves it (permaweb/HyperBEAM `src/dev_scheduler.erl` `get_schedule/3`,
 * `src/dev_scheduler_formats.erl` `assignments_to_aos2/4`, `src/dev_json_iface.erl` `message_to_json_struct/1`):
 *
 *   GET <node>/~scheduler@1.0/schedule?target=<usda>&from=<slot>&to=<slot>&accept=application/aos-2
 *       → { page_info: { has_next_page }, edges: [{ cursor: <slot>, node: { message: { Id, Owner, From, Tags },
 *           assignment: { Tags: [Slot, Timestamp, …] } } }] }   (at most 1001 slots a page)
 *   GET <node>/<usda>/slot/current                          → the last assigned slot (aoconnect 0.0.98 `resultsWith`)
 *   GET <node>/<usda>~process@1.0/compute/results=<slot>    → { raw: { Messages: [{ Target, Tags }], … } }
 *
 * Which message is the Lock Manager's Transfer: From = the Lock Manager, Action = Transfer, X-Reference = the
 * transfer's reference. `From` in the schedule is the message's `From-Process` tag whenever it has one, even on a
 * wallet's own message (message_to_json_struct/1), and aos drops such a message when its signer (Owner) is not one of
 * the process's authorities: anyone can put a "Transfer from the Lock Manager" with the reference on USDA's schedule,
 * and USDA computes it to nothing. Read naively it would say "failed" while the real Transfer is still in flight (the
 * double payment this read exists to prevent). So a message counts as the Lock Manager's only when its Owner is one
 * of USDA's authorities (the Authority tags of USDA's spawn, slot 0 of its schedule, or `usdaAuthorities`).
 *
 * Where it looks: the transfer's `at` (the Lock Manager's clock when it sent it) bounds the slot from below, since
 * the Transfer is assigned at USDA after it was sent and a scheduler stamps `Timestamp` at assignment
 * (`dev_scheduler_server.erl` `do_assign/3`); CLOCK_SKEW_MS allows for two schedulers' clocks. A binary search over
 * USDA's assignment timestamps finds that slot, then pages are read forward up to `maxSlots` slots or USDA's last slot.
 * Cost on mainnet: one GET of the current slot, about log2(USDA's slots) one-slot GETs (~25 for 30 million slots),
 * one GET per 1,000 slots scanned (default at most 10 pages = 10,000 slots after the transfer was sent, each page
 * up to ~1-2 MB of JSON for a busy token), one GET of USDA's spawn (slot 0, once per reader) and one result GET.
 * Not found within that bound: pending (the admin waits; nothing is ever offered that could pay twice).
 */
import { z } from "zod";
import { Actions, Tags, usdaVerdict, type ReleaseOutcome, type ScheduledTransfer, type UnsettledTransfer } from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error } from "./errors";
import { platformFetch, type StateFetch } from "./state-reads";

/** HyperBEAM's `?MAX_ASSIGNMENT_QUERY_LEN` (dev_scheduler.erl): a page ends at most 1000 slots past `from`. */
export const SCHEDULE_PAGE_SLOTS = 1000;
/** How far two schedulers' clocks may differ: the search starts this much before the transfer was sent. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;
/** References whose start slot and final verdict a reader keeps (a console refreshes the same few). */
const MEMORY = 1000;

/** USDA's answer for one transfer: paid or failed once USDA computed the Lock Manager's Transfer, else pending. */
export type UsdaVerdictReading =
  | { verdict: ReleaseOutcome; slot: number }
  | { verdict: "pending"; reason: string };

export interface UsdaVerdictOptions {
  nodeUrl: string;
  usda: string;
  lockManager: string;
  fetch?: StateFetch;
  timeoutMs?: number;
  /** Slots scanned after the transfer was sent before giving up as pending (default 10,000). */
  maxSlots?: number;
  /** USDA's authorities, when its spawn is not on the node's schedule (a process from before mainnet). */
  usdaAuthorities?: string[];
}

const tagList = z.array(z.object({ name: z.string(), value: z.string() }));
const struct = z.object({ Id: z.string().optional(), Owner: z.string(), From: z.string().optional(), Tags: tagList });
const schedulePage = z.object({
  page_info: z.object({ has_next_page: z.union([z.boolean(), z.literal("true"), z.literal("false")]) }),
  edges: z.array(z.object({ cursor: z.union([z.number(), z.string()]), node: z.object({ message: struct, assignment: struct }) })),
});
const resultSchema = z.object({
  raw: z.object({ Messages: z.array(z.object({ Target: z.string().optional(), Tags: tagList })).optional() }),
});

type Struct = z.output<typeof struct>;
interface Assigned {
  slot: number;
  timestamp: number;
  message: Struct;
}

const tagOf = (s: Struct, name: string): string | undefined => s.Tags.find((t) => t.name === name)?.value;
const tagsOf = (s: Struct): Record<string, string> => Object.fromEntries(s.Tags.map((t) => [t.name, t.value]));

export interface UsdaVerdictReader {
  /** USDA's verdict on the Lock Manager's Transfer for this unsettled transfer (its reference, sent at `at`). */
  read(transfer: Pick<UnsettledTransfer, "reference" | "at">): Promise<UsdaVerdictReading>;
}

export function createUsdaVerdictReader(options: UsdaVerdictOptions): UsdaVerdictReader {
  const base = options.nodeUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? platformFetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxSlots = options.maxSlots ?? 10 * SCHEDULE_PAGE_SLOTS;
  const { usda, lockManager } = options;
  // What never changes once read, per reference: the slot its search starts at (from when it was sent) and a verdict
  // (a computed result is final). Bounded: past MEMORY entries a map starts over (it saves GETs, it holds no truth).
  const starts = new Map<string, number>();
  const finals = new Map<string, UsdaVerdictReading>();
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    if (map.size >= MEMORY) map.clear();
    map.set(key, value);
  };
  let authorities: Promise<Set<string>> | undefined = options.usdaAuthorities ? Promise.resolve(new Set(options.usdaAuthorities)) : undefined;

  const fail = (what: string) => new Tim3Error(`Reading USDA's schedule: ${what}`, { code: ClientErrorCodes.BadState, action: "read", process: usda });

  async function getJson(url: string): Promise<{ status: number; value?: unknown }> {
    let response;
    try {
      response = await doFetch(url, { timeoutMs });
    } catch (e) {
      throw new Tim3Error(`Reading ${url} failed: ${e instanceof Error ? e.message : String(e)}`, { code: ClientErrorCodes.Network, action: "network", process: usda });
    }
    const text = await response.text();
    if (!response.ok) return { status: response.status };
    try {
      return { status: response.status, value: JSON.parse(text) as unknown };
    } catch {
      throw fail(`${url} did not answer JSON`);
    }
  }

  async function page(from: number, to: number): Promise<{ assigned: Assigned[]; more: boolean }> {
    const url = `${base}/~scheduler@1.0/schedule?target=${usda}&from=${from}&to=${to}&accept=application/aos-2`;
    const { status, value } = await getJson(url);
    if (status !== 200) throw new Tim3Error(`Reading USDA's schedule (slots ${from}–${to}): HTTP ${status}`, { code: ClientErrorCodes.Network, action: "network", process: usda });
    const r = schedulePage.safeParse(value);
    if (!r.success) throw fail(`slots ${from}–${to} are not a schedule (${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message})`);
    const assigned = r.data.edges.map((e) => {
      const slot = Number(tagOf(e.node.assignment, "Slot") ?? e.cursor);
      const timestamp = Number(tagOf(e.node.assignment, "Timestamp"));
      if (!Number.isSafeInteger(slot) || !Number.isFinite(timestamp)) throw fail(`an assignment has no slot or timestamp`);
      return { slot, timestamp, message: e.node.message };
    });
    return { assigned, more: String(r.data.page_info.has_next_page) === "true" };
  }

  async function latestSlot(): Promise<number> {
    const response = await doFetch(`${base}/${usda}/slot/current`, { timeoutMs });
    const text = (await response.text()).trim();
    if (!response.ok || !/^\d+$/.test(text)) throw fail(`its current slot is ${response.ok ? JSON.stringify(text) : `HTTP ${response.status}`}`);
    return Number(text);
  }

  /** USDA's authorities: the Authority tags (comma-separated lists too) of its spawn, slot 0 of its schedule. */
  function usdaAuthorities(): Promise<Set<string>> {
    authorities ??= (async () => {
      const spawn = (await page(0, 0)).assigned[0]?.message;
      if (spawn === undefined || spawn.Id !== usda || tagOf(spawn, "Type") !== "Process") {
        throw fail("its spawn is not at slot 0 of its schedule on this node, so who USDA trusts is unknown: pass usdaAuthorities");
      }
      const list = spawn.Tags.filter((t) => t.name === "Authority").flatMap((t) => t.value.split(",").map((a) => a.trim())).filter((a) => a !== "");
      return new Set(list);
    })().catch((e: unknown) => {
      authorities = undefined;
      throw e;
    });
    return authorities;
  }

  /** The first slot assigned at or after `timestamp` (latest + 1 when none): a binary search, one slot per GET. */
  async function firstSlotFrom(timestamp: number, latest: number): Promise<number> {
    let lo = 0;
    let hi = latest + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const at = (await page(mid, mid)).assigned[0];
      if (at === undefined) hi = mid;
      else if (at.timestamp < timestamp) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The sender as aos saw it: From-Process counts only when a USDA authority relayed the message. */
  function senderAsUsdaSaw(m: Struct, trusted: Set<string>): string {
    return trusted.has(m.Owner) ? (m.From ?? m.Owner) : m.Owner;
  }

  async function outboxOf(slot: number): Promise<ScheduledTransfer["outbox"] | undefined> {
    let got;
    try {
      got = await getJson(`${base}/${usda}~process@1.0/compute/results=${slot}`);
    } catch {
      return undefined; // not computed in time: no verdict yet
    }
    if (got.status !== 200) return undefined;
    const r = resultSchema.safeParse(got.value);
    if (!r.success) throw fail(`the result of slot ${slot} is not a result (${r.error.issues[0].path.join(".")}: ${r.error.issues[0].message})`);
    return (r.data.raw.Messages ?? []).map((m) => ({ target: m.Target ?? "", tags: Object.fromEntries(m.Tags.map((t) => [t.name, t.value])) }));
  }

  return {
    async read(transfer) {
      const known = finals.get(transfer.reference);
      if (known !== undefined) return known;
      const trusted = await usdaAuthorities();
      const latest = await latestSlot();
      const startKey = `${transfer.reference}@${transfer.at}`;
      let from = starts.get(startKey) ?? (await firstSlotFrom(Math.max(0, transfer.at - CLOCK_SKEW_MS), latest));
      // A start within the schedule stays the first slot stamped at or after that time (a scheduler stamps in slot
      // order); one past the last slot is not known yet.
      if (from <= latest) remember(starts, startKey, from);
      const end = Math.min(latest, from + maxSlots - 1);
      while (from <= end) {
        const to = Math.min(end, from + SCHEDULE_PAGE_SLOTS - 1);
        const { assigned } = await page(from, to);
        if (assigned.length === 0) break;
        for (const a of assigned) {
          const m = a.message;
          if (tagOf(m, Tags.Action) !== Actions.Transfer || tagOf(m, Tags.XReference) !== transfer.reference) continue;
          if (senderAsUsdaSaw(m, trusted) !== lockManager) continue;
          const outbox = await outboxOf(a.slot);
          if (outbox === undefined) return { verdict: "pending", reason: `USDA has not computed the Lock Manager's transfer yet (slot ${a.slot})` };
          const verdict = usdaVerdict([{ from: lockManager, tags: tagsOf(m), outbox }], lockManager, transfer.reference);
          if (verdict !== undefined) {
            const reading: UsdaVerdictReading = { verdict, slot: a.slot };
            remember(finals, transfer.reference, reading);
            return reading;
          }
        }
        from = assigned[assigned.length - 1].slot + 1;
      }
      const reason = from > latest
        ? "USDA has not computed the Lock Manager's transfer yet (it is not on USDA's schedule)"
        : `USDA has not computed the Lock Manager's transfer yet (not within ${maxSlots} slots after it was sent)`;
      return { verdict: "pending", reason };
    },
  };
}

/** The verdicts the admin's tools offer for a reading: USDA's own, or none while it is pending. */
export function verdictsOffered(reading: UsdaVerdictReading): ReleaseOutcome[] {
  return reading.verdict === "pending" ? [] : [reading.verdict];
}
