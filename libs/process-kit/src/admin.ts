/** Info and Configure, the same in every TIM3 process: identity out, peers and admin in (admin only). */
import { Actions, ErrorCodes, fromInteger, isAddress, PeerTags, roleOfPeerTag, Tags, type PeerTag } from "@tim3/protocol";
import { parseLimit } from "./limit";
import { rejection, send, tagOf, type Message, type Outgoing } from "./message";
import { AUDIT_CAPACITY, recordAudit, ringNewestFirst } from "./core";
import type { HasCore } from "./dispatch";

export function isAdmin(state: HasCore, msg: Message): boolean {
  return msg.from === state.core.admin;
}

/** Internal actions are accepted only from the process configured for that role. */
export function isPeer(state: HasCore, msg: Message, role: PeerTag): boolean {
  const id = state.core.peers[role];
  return id !== undefined && msg.from === id;
}

/** Eval from anyone but the aos Owner (kept equal to the admin): aos's own Eval handler takes the Owner's. */
export function evalRefused(_state: HasCore, msg: Message): Outgoing[] {
  return [rejection(ErrorCodes.NotAdmin, msg, "Only the admin may Eval (the aos Owner is always the Admin)")];
}

export function adminOnly(msg: Message): Outgoing {
  return rejection(ErrorCodes.NotAdmin, msg, "Only the admin may do this");
}

export function peerOnly(msg: Message, role: PeerTag): Outgoing {
  return rejection(ErrorCodes.NotPeer, msg, "Only the configured " + role + " may send " + String(msg.tags[Tags.Action]));
}

export function audit(state: HasCore, msg: Message, action: string, detail: string): void {
  recordAudit(state.core, { at: msg.timestamp, by: msg.from, action, detail, messageId: msg.id });
}

/** Get-Audit-Log: the newest admin actions (who, what, when), at most Limit of them. */
export function auditLog(state: HasCore, msg: Message): Outgoing[] {
  const limit = parseLimit(msg, AUDIT_CAPACITY, AUDIT_CAPACITY);
  if (!limit.ok) return [rejection(limit.code, msg, limit.error)];
  const entries = ringNewestFirst(state.core.audit, limit.value);
  return [send(msg.from, Actions.GetAuditLog, { [Tags.Limit]: fromInteger(entries.length) }, entries)];
}

/** Info tags: name, version, source hash, admin, the aos Owner, peers, plus what the process adds (`extra`). */
export function infoTags(state: HasCore, extra: Record<string, string>): Record<string, string> {
  const core = state.core;
  const tags: Record<string, string> = {
    [Tags.Name]: core.name,
    [Tags.Version]: core.version,
    [Tags.SourceHash]: core.sourceHash,
    [PeerTags.Admin]: core.admin,
    [Tags.Owner]: core.owner,
  };
  for (const k in core.peers) tags[k] = core.peers[k];
  for (const k in extra) tags[k] = extra[k];
  return tags;
}

/** The Info reply: its tags, and the same as JSON data. */
export function infoReply(state: HasCore, msg: Message, extra: Record<string, string>): Outgoing {
  const tags = infoTags(state, extra);
  return send(msg.from, Actions.Info, tags, tags);
}

/**
 * Configure: admin only. Takes `Admin` and the peer tags listed in `roles`; every given value must be a valid id,
 * and nothing changes unless all are.
 */
export function configure(state: HasCore, msg: Message, roles: PeerTag[]): Outgoing[] {
  if (!isAdmin(state, msg)) return [adminOnly(msg)];
  const changes: Record<string, string> = {};
  let count = 0;
  const allowed: Record<string, boolean> = { [PeerTags.Admin]: true };
  for (const role of roles) allowed[role] = true;
  for (const k in msg.tags) {
    const isPeerTag = k === PeerTags.Admin || roleOfPeerTag(k) !== undefined;
    if (isPeerTag && allowed[k] !== true) return [rejection(ErrorCodes.Malformed, msg, k + " is not configurable on " + state.core.name)];
  }
  for (const k in allowed) {
    const v = tagOf(msg, k);
    if (v !== undefined) {
      if (!isAddress(v)) return [rejection(ErrorCodes.Malformed, msg, k + " must be a process id or address (got " + v + ")")];
      changes[k] = v;
      count++;
    }
  }
  if (count === 0) return [rejection(ErrorCodes.Missing, msg, "Configure needs at least one of: " + Object.keys(allowed).join(", "))];
  const parts: string[] = [];
  for (const k in changes) {
    if (k === PeerTags.Admin) state.core.admin = changes[k];
    else state.core.peers[k] = changes[k];
    parts.push(k + "=" + changes[k]);
  }
  parts.sort();
  audit(state, msg, Actions.Configure, parts.join(" "));
  return [send(msg.from, Actions.ConfigureDone, changes)];
}
