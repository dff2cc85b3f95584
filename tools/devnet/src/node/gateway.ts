/**
 * The devnet as a gateway for one question: a process's spawn tags (`POST /graphql`). On the real network a deployer
 * reads them from an Arweave gateway's GraphQL (`transactions(ids: [...]) { edges { node { id tags { name value } } } }`,
 * Transaction.tags `[Tag!]!`), which is how tools/deploy (`spawnTags`, profiles.ts) learns whose authority USDA's
 * messages arrive under; on the devnet the spawned processes live in this node's log, so it answers that query for
 * the processes it hosts, and for nothing else (no other query, no other field: 400).
 */
import { HttpError } from "./data-item";
import type { DevnetNode } from "./node";

interface GraphqlRequest {
  query?: unknown;
  variables?: { ids?: unknown };
}

/** `{ data: { transactions: { edges: [{ node: { id, tags } }] } } }` for the ids this node spawned. */
export function answerSpawnTagsQuery(node: DevnetNode, body: Buffer): Record<string, unknown> {
  let request: GraphqlRequest;
  try {
    request = JSON.parse(body.toString("utf8")) as GraphqlRequest;
  } catch {
    throw new HttpError(400, "a GraphQL request is JSON: { query, variables }");
  }
  const ids = request.variables?.ids;
  if (typeof request.query !== "string" || !/\btransactions\s*\(\s*ids\s*:\s*\$ids\s*\)/.test(request.query) || !Array.isArray(ids)) {
    throw new HttpError(400, "this devnet answers one GraphQL query: transactions(ids: $ids) { edges { node { id tags { name value } } } } with variables.ids");
  }
  const edges: { node: { id: string; tags: { name: string; value: string }[] } }[] = [];
  for (const id of ids) {
    if (typeof id !== "string") continue;
    const proc = node.store.process(id);
    if (proc === undefined) continue;
    edges.push({ node: { id, tags: Object.entries(proc.tags).map(([name, value]) => ({ name, value })) } });
  }
  return { data: { transactions: { edges } } };
}
