/** `<Action>-Error` replies and process failures as one typed error. */
import { Tags, errorActionFor } from "@tim3/protocol";
import type { AoResult, Reply } from "./types";

export interface Tim3ErrorDetails {
  /** The action that failed ("Transfer", "Pause", …), or "validate" / "timeout" / "network" for local failures. */
  action: string;
  /** Id of the message the process refused (its Message-Id tag), when there is one. */
  messageId?: string;
  /** The process that answered. */
  process?: string;
  /** The X-Request-Id echoed on the error, when there is one. */
  requestId?: string;
  /** The whole reply, for anything else a caller needs. */
  reply?: Reply;
}

export class Tim3Error extends Error {
  readonly action: string;
  readonly messageId?: string;
  readonly process?: string;
  readonly requestId?: string;
  readonly reply?: Reply;

  constructor(message: string, details: Tim3ErrorDetails) {
    super(message);
    this.name = "Tim3Error";
    this.action = details.action;
    this.messageId = details.messageId;
    this.process = details.process;
    this.requestId = details.requestId;
    this.reply = details.reply;
  }
}

/** The error reply for `action` among the replies, as a Tim3Error (the process's Error text is the message). */
export function errorFromReplies(action: string, replies: Reply[], process?: string): Tim3Error | undefined {
  const errorAction = errorActionFor(action);
  const reply = replies.find((r) => r.action === errorAction) ?? replies.find((r) => r.action?.endsWith("-Error") === true);
  if (reply === undefined) return undefined;
  return new Tim3Error(reply.tags[Tags.Error] ?? reply.data ?? `${action} failed`, {
    action,
    messageId: reply.tags[Tags.MessageId],
    process,
    requestId: reply.tags[Tags.XRequestId],
    reply,
  });
}

/** A CU-level failure (the handler raised): aos puts it in `Error`. */
export function errorFromResult(action: string, result: AoResult, process?: string): Tim3Error | undefined {
  if (result.Error === undefined || result.Error === null || result.Error === "") return undefined;
  const text = typeof result.Error === "string" ? result.Error : JSON.stringify(result.Error);
  return new Tim3Error(text, { action, process });
}
