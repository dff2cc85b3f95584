/**
 * A state read gives up on a node that accepts the request and never answers: with nodeFetch (the request's own
 * timeout) and with the platform fetch (an AbortSignal), it rejects with the Network code after `timeoutMs`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientErrorCodes, Tim3Error, createStateReader, type StateFetch } from "../src/index";
import { nodeFetch } from "../src/node";

const PROCESS = "P".repeat(43);
let server: Server;
let nodeUrl: string;
let held = 0;

beforeAll(async () => {
  // Takes every request and never answers it.
  server = createServer(() => void held++);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  nodeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

describe.each<[string, StateFetch | undefined]>([
  ["nodeFetch", nodeFetch()],
  ["the platform fetch", undefined],
])("a silent node, read through %s", (_, fetch) => {
  it("rejects with the Network code after timeoutMs, having asked twice (one retry)", async () => {
    const before = held;
    const reader = createStateReader({ nodeUrl, fetch, timeoutMs: 300 });
    const started = performance.now();
    const err = await reader.reserves(PROCESS).catch((e: unknown) => e);
    const took = performance.now() - started;
    expect(err).toBeInstanceOf(Tim3Error);
    expect((err as Tim3Error).code).toBe(ClientErrorCodes.Network);
    expect(held - before).toBe(2);
    expect(took).toBeGreaterThanOrEqual(2 * 300 - 50);
    expect(took).toBeLessThan(5_000);
  });
});
