/**
 * Limits of one flow: per-operation min and max, and per-holder and global caps on the volume accepted over a
 * rolling window. Returns the reason a quantity is refused, written for the holder to read.
 */
import { add, compare, sub } from "@tim3/protocol";
import type { FlowLimits, VolumeWindow } from "../state";

/** Forgets entries older than the window. */
export function prune(window: VolumeWindow, now: number, windowMs: number): void {
  while (window.head < window.tail) {
    const entry = window.entries[window.head];
    if (now - entry.at < windowMs) break;
    window.total = sub(window.total, entry.quantity);
    const left = sub(window.byHolder[entry.holder], entry.quantity);
    if (left === "0") delete window.byHolder[entry.holder];
    else window.byHolder[entry.holder] = left;
    delete window.entries[window.head];
    window.head = window.head + 1;
  }
}

export function record(window: VolumeWindow, now: number, holder: string, quantity: string): void {
  window.entries[window.tail] = { at: now, holder, quantity };
  window.tail = window.tail + 1;
  window.total = add(window.total, quantity);
  window.byHolder[holder] = add(window.byHolder[holder] ?? "0", quantity);
}

export function refusal(limits: FlowLimits, window: VolumeWindow, holder: string, quantity: string): string | undefined {
  if (compare(quantity, limits.min) < 0) return "Below the minimum of " + limits.min + " per operation";
  if (limits.max !== "0" && compare(quantity, limits.max) > 0) {
    return "Above the maximum of " + limits.max + " per operation";
  }
  const used = window.byHolder[holder] ?? "0";
  if (limits.holderCap !== "0" && compare(add(used, quantity), limits.holderCap) > 0) {
    return "Over the per-holder limit of " + limits.holderCap + " per window (" + used + " used)";
  }
  if (limits.globalCap !== "0" && compare(add(window.total, quantity), limits.globalCap) > 0) {
    return "Over the global limit of " + limits.globalCap + " per window (" + window.total + " used)";
  }
  return undefined;
}
