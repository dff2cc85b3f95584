/// <reference types="node" />
/**
 * For Node clients (the CLI, the deploy tool, scripts): state reads over node:http / node:https with kept-alive
 * connections, in place of the platform `fetch` (undici in Node), whose WHATWG streams, Headers and Response objects
 * cost about as much CPU as the small GET itself. Browsers keep their native fetch. Published as `@tim3/sdk/node`:
 *
 *     createTim3Client({ network, processes, signer, fetch: nodeFetch() })
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { StateFetch, StateResponse } from "./state-reads";

/** One pair of keep-alive agents per process: every reader created with nodeFetch() shares the open connections. */
let agents: { http: HttpAgent; https: HttpsAgent } | undefined;

/** A StateFetch (GET only: all a state reader sends) over node:http(s), connections kept alive and reused. */
export function nodeFetch(): StateFetch {
  agents ??= { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const { http, https } = agents;
  return (url, { timeoutMs, headers }) =>
    new Promise<StateResponse>((ok, fail) => {
      const secure = url.startsWith("https:");
      // The request's own timeout (the socket's, while this request holds it), not an AbortSignal per read.
      const options = { method: "GET", headers, timeout: timeoutMs, agent: secure ? https : http };
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", fail);
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const body = Buffer.concat(chunks).toString("utf8");
          ok({ status, ok: status >= 200 && status < 300, text: () => Promise.resolve(body) });
        });
      };
      const req = secure ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      req.on("timeout", () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
      req.on("error", fail);
      req.end();
    });
}
