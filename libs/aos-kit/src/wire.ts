/**
 * The thin aos wiring: one `Handlers.add` per action, each turning the aos message into the pure `Message`,
 * running the pure handler on the process state, and sending what it returns. Nothing here decides anything.
 */
import {
  Actions, compareVersions,
} from "@tim3/protocol";
import {
  NO_ACTION, evalRefused, messageIdentity, runHandler, type Context, type Exposure, type Handler, type HasCore, type Message, type Outgoing,
} from "@tim3/process-kit";
import { createEmitter, type Emitter } from "./expose";

interface JsonCodec {
  encode(this: void, value: unknown): string;
}
// aos preloads its JSON codec as a Lua module; TSTL leaves this require to the runtime (noResolvePaths).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const json = require("json") as JsonCodec;

/** Tags as a name → value table, whichever of the two shapes aos delivered. */
function tagTable(raw: AosMessage["Tags"]): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const t of raw) out[t.name] = t.value;
  } else if (raw !== undefined) {
    for (const k in raw) out[k] = String(raw[k]);
  }
  return out;
}

export function toMessage(raw: AosMessage): Message {
  const data = raw.Data;
  return {
    id: raw.Id,
    from: raw.From,
    owner: raw.Owner,
    timestamp: tonumber(raw.Timestamp) ?? 0,
    tags: tagTable(raw.Tags),
    data: typeof data === "string" ? data : "",
  };
}

export function contextOf(msg: Message): Context {
  return { self: ao.id, now: msg.timestamp };
}

export function sendAll(outgoing: Outgoing[]): void {
  for (const out of outgoing) {
    const m: Record<string, unknown> = {};
    for (const k in out.tags) m[k] = out.tags[k];
    // aos reads Target (and Data) as fields, not tags: a tag of that name must never redirect the message.
    m.Target = out.target;
    if (out.json !== undefined) m.Data = json.encode(out.json);
    else if (out.data !== undefined) m.Data = out.data;
    ao.send(m);
  }
}

/**
 * A message's Action tag. aos has already made `Tags` a name → value table (first of each name) when handlers match,
 * so every handler's pattern reads one field instead of copying the tags.
 */
function actionOfRaw(raw: AosMessage): string | undefined {
  const tags = raw.Tags;
  if (tags === undefined || Array.isArray(tags)) return tagTable(tags).Action;
  return tags.Action;
}

function actionIs(action: string): AosPattern {
  return (msg: AosMessage) => (actionOfRaw(msg) ?? NO_ACTION) === action;
}

/** aos's own handlers ("_eval", "_default") are named with a leading underscore; TIM3 never uses one. */
function isAosBuiltin(name: string): boolean {
  return name.substring(0, 1) === "_";
}

/**
 * Removes every handler an earlier bundle registered (aos's own stay, in their order). Re-evaluating a newer bundle
 * must leave exactly its handlers: an old catch-all left in front would refuse the new actions, and an action the
 * new version dropped would stay callable.
 */
export function dropEarlierHandlers(): void {
  const kept: { name: string }[] = [];
  for (const h of Handlers.list) {
    if (isAosBuiltin(h.name)) kept.push(h);
  }
  Handlers.list = kept;
}

/**
 * The aos Owner is whoever the state names as admin: set after every message, so a Configure that rotates the admin
 * takes the power to Eval (and so to upgrade, or to move funds) from the old key in the same evaluation.
 */
function ownerFollowsAdmin(state: HasCore): void {
  if (Owner !== state.core.admin) Owner = state.core.admin;
  state.core.owner = Owner;
}

function handleWith<S extends HasCore>(
  getState: () => S,
  handler: Handler<S> | undefined,
  everyMessage: Handler<S> | undefined,
  emitter: Emitter<S> | undefined,
): (raw: AosMessage) => void {
  return (raw: AosMessage) => {
    const state = getState();
    state.core.owner = Owner;
    const msg = toMessage(raw);
    const ctx = contextOf(msg);
    // The check runs first, so the handler sees its result; the reply is sent before what the check sends.
    const checked = everyMessage === undefined ? [] : everyMessage(state, msg, ctx);
    const outgoing = runHandler(state, msg, ctx, handler);
    for (const out of checked) outgoing.push(out);
    ownerFollowsAdmin(state);
    sendAll(outgoing);
    if (emitter !== undefined) emitter.publishTouched(state, msg, outgoing);
  };
}

/**
 * A process's wiring: `handle(action, fn)` per action, then `rejectEverythingElse()` last. `everyMessage` runs before
 * the handler on every message the process handles, whatever its action (dry-runs too): for checks that must not wait
 * for one particular message, such as the State Manager's staleness. With an emitter, what a handler changed is
 * published (patch@1.0) in the same evaluation.
 */
export function wire<S extends HasCore>(getState: () => S, everyMessage?: Handler<S>, emitter?: Emitter<S>) {
  const known: Record<string, boolean> = {};
  return {
    handle(action: string, handler: Handler<S>): void {
      known[action] = true;
      Handlers.add(action, actionIs(action), handleWith(getState, handler, everyMessage, emitter));
    },
    /** Any message no handler took gets an explicit error reply (except the owner's Eval, notices and errors). */
    rejectEverythingElse(): void {
      Handlers.add(
        "Tim3-Unhandled",
        (raw: AosMessage) => {
          const action = actionOfRaw(raw);
          if (known[action ?? NO_ACTION] === true) return false;
          if (action === Actions.Eval && raw.From === Owner) return false;
          return true;
        },
        handleWith(getState, undefined, everyMessage, emitter),
      );
    },
  };
}

/** The version and source hash stamped into this bundle, for Info. */
export function buildInfo(): { version: string; sourceHash: string } {
  if (Tim3Build === undefined) return { version: "0.0.0-unstamped", sourceHash: "unstamped" };
  return { version: Tim3Build.version, sourceHash: Tim3Build.sourceHash };
}

/** The value of one of this process's spawn tags. */
export function processTag(name: string): string | undefined {
  return tagTable(ao.env.Process.Tags)[name];
}

function fillMissing(target: Record<string, unknown>, defaults: Record<string, unknown>): void {
  for (const key in defaults) {
    const current = target[key];
    const initial = defaults[key];
    if (current === undefined) target[key] = initial;
    else if (typeof current === "object" && typeof initial === "object" && current !== null && initial !== null) {
      fillMissing(current as Record<string, unknown>, initial as Record<string, unknown>);
    }
  }
}

/**
 * The owner's Eval counts once. aos's own `_eval` (permaweb/aos process/process.lua `process.handle`: added on every
 * message, matching `msg.Action == "Eval" and Owner == msg.From`) keeps no memory of what it ran, so an old Eval
 * delivered again — a replayed upgrade, an Eval that moved funds — would run again. This handler stands just before
 * `_eval`: it records each owner's Eval by identity (`messageIdentity`: the admin is a wallet, whose signed id is the
 * same however often the item is assigned) in `core.evaluated`, kept for good, and stops one seen before. Only the
 * first Eval that installs it into a process that had none is not recorded (it ran before the handler existed);
 * delivered again, it loads a bundle no newer than the current one: the same (nothing changes) or an older one
 * (refused, see refuseDowngrade).
 */
function evalOnce<S extends HasCore>(getState: () => S): void {
  Handlers.before("_eval").add(
    "Tim3-Eval-Once",
    (raw: AosMessage) => {
      if (actionOfRaw(raw) !== Actions.Eval || raw.From !== Owner) return "skip";
      return getState().core.evaluated[messageIdentity(toMessage(raw))] === true ? "break" : "continue";
    },
    (raw: AosMessage) => {
      const evaluated = getState().core.evaluated;
      const identity = messageIdentity(toMessage(raw));
      if (evaluated[identity] === true) print("Eval " + raw.Id + " was evaluated already; it does nothing again");
      else evaluated[identity] = true;
    },
  );
}

/**
 * Refuses (a Lua error: nothing changed, the Eval's result carries the reason) to load this bundle over state a newer
 * version wrote, unless the Eval sets `Tim3AllowDowngrade = true` before the bundle (tools/deploy --force does).
 * An old upgrade Eval delivered again, or signed long ago and delivered late, never takes a process back by accident.
 */
function refuseDowngrade(existing: HasCore | undefined, version: string): void {
  const allowed = Tim3AllowDowngrade === true;
  Tim3AllowDowngrade = undefined;
  if (existing === undefined || allowed) return;
  if (compareVersions(version, existing.core.version) < 0) {
    error("Refusing to load version " + version + " over " + existing.core.version + " (" + existing.core.sourceHash + "): " +
      "a downgrade must be forced (Tim3AllowDowngrade = true before the bundle)", 0);
  }
}

/**
 * Starts a process from its pure parts: the state lives in the Lua global `globalName`, created once (its admin is
 * the spawner) and stamped with this bundle's version and source hash on every load; each action gets its one
 * handler; anything else is answered with an error. Re-evaluating a newer bundle keeps the state and replaces the
 * handler set exactly, and never goes back to an older version unless forced (refuseDowngrade); the owner's Eval counts
 * once (evalOnce). `options.everyMessage` runs before every handler (see wire). With `options.exposure`, every
 * load publishes all exposed state once and each handled message what it changed (patch@1.0).
 */
export function runProcess<S extends HasCore>(
  globalName: string,
  create: (admin: string, version: string, sourceHash: string) => S,
  handlers: Record<string, Handler<S>>,
  options: { everyMessage?: Handler<S>; exposure?: Exposure<S> } = {},
): void {
  const globals = _G as unknown as Record<string, S | undefined>;
  const build = buildInfo();
  refuseDowngrade(globals[globalName], build.version);
  const fresh = create(ao.env.Process.Owner, build.version, build.sourceHash);
  const state = globals[globalName] ?? fresh;
  // An upgrade keeps the state; fields this version added start from their initial values.
  if (state !== fresh) fillMissing(state as unknown as Record<string, unknown>, fresh as unknown as Record<string, unknown>);
  state.core.version = build.version;
  state.core.sourceHash = build.sourceHash;
  globals[globalName] = state;
  ownerFollowsAdmin(state);
  dropEarlierHandlers();
  evalOnce(() => globals[globalName] as S);
  const emitter = options.exposure === undefined ? undefined : createEmitter(options.exposure);
  const process = wire(() => globals[globalName] as S, options.everyMessage, emitter);
  for (const action in handlers) process.handle(action, handlers[action]);
  // aos's own `_eval` stands first and takes the Owner's Eval; anyone else's is refused with a reason.
  if (handlers[Actions.Eval] === undefined) process.handle(Actions.Eval, evalRefused);
  process.rejectEverythingElse();
  // aos's os.time() is the loading message's timestamp in ms.
  if (emitter !== undefined) emitter.publishAll(state, os.time());
}
