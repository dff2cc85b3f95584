/**
 * A TIM3 process run as plain TypeScript in Node, on the same pure handler table the Lua bundle registers.
 * It applies aos's trust rule (a message whose From differs from its signer counts only when the signer is an
 * authority) so the Node and aos runs of a scenario can be compared message for message.
 */
import { dispatch, type Handler, type HasCore, type Outgoing } from "@tim3/protocol";
import { AUTHORITY, type Envelope, type Outbound, type ProcessRuntime } from "./network";

export function toOutbound(out: Outgoing): Outbound {
  return {
    target: out.target,
    tags: { ...out.tags },
    data: out.json !== undefined ? JSON.stringify(out.json) : (out.data ?? ""),
  };
}

export class NodeProcess<S extends HasCore> implements ProcessRuntime {
  constructor(
    readonly pid: string,
    public state: S,
    private readonly handlers: Record<string, Handler<S>>,
  ) {}

  private run(state: S, msg: Envelope): Outbound[] {
    const trusted = msg.from === msg.owner || msg.owner === AUTHORITY;
    if (!trusted) return [];
    const out = dispatch(state, this.handlers, {
      id: msg.id, from: msg.from, owner: msg.owner, timestamp: msg.timestamp, tags: msg.tags, data: msg.data,
    }, { self: this.pid, now: msg.timestamp });
    return out.map(toOutbound);
  }

  async handle(msg: Envelope): Promise<Outbound[]> {
    return this.run(this.state, msg);
  }

  async dryrun(msg: Envelope): Promise<Outbound[]> {
    return this.run(structuredClone(this.state), msg);
  }
}
