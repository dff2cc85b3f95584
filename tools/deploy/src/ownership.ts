/**
 * Who holds the processes after a deploy. Each TIM3 process keeps its aos Owner (the only key that may Eval, and so
 * upgrade or move funds) equal to its Admin, so handing a deployment to an admin is one `Configure Admin` per process,
 * and checking it is reading Owner and Admin from Info. After the hand-over the deploying key can neither Eval nor
 * configure anything: further deploys and upgrades are signed by the admin.
 */
import { Actions, PeerTags, Tags, errorActionFor } from "@tim3/protocol";
import { tagRecord, type AoResult, type ProcessRole, type Tim3Client } from "@tim3/sdk";

/** Sends `Configure Admin = admin` to every process whose Info still names the deploying key; returns what changed. */
export async function handOver(
  client: Tim3Client,
  processes: Partial<Record<ProcessRole, string>>,
  infos: Partial<Record<ProcessRole, Record<string, string>>>,
  deployer: string,
  admin: string,
): Promise<string[]> {
  const changes: string[] = [];
  if (admin === deployer) return changes;
  for (const [role, id] of Object.entries(processes) as [ProcessRole, string][]) {
    if (infos[role]?.[PeerTags.Admin] !== deployer) continue;
    await client.configure(id, { [PeerTags.Admin]: admin });
    infos[role] = await client.info(id);
    changes.push(`handed ${role} to admin ${admin}`);
  }
  return changes;
}

/** What is wrong with a process's ownership: its Admin and its aos Owner must both be the admin. */
export function ownershipProblems(role: ProcessRole, info: Record<string, string>, admin: string): string[] {
  const problems: string[] = [];
  if (info[PeerTags.Admin] !== admin) problems.push(`${role}: Admin ${info[PeerTags.Admin]} != ${admin}`);
  if (info[Tags.Owner] !== admin) problems.push(`${role}: Owner ${info[Tags.Owner]} != ${admin} (another key could Eval it)`);
  return problems;
}

/** Throws when a process refused an Eval (its reason, e.g. the key is not its admin), so nothing is recorded as loaded. */
export function assertEvalAccepted(role: ProcessRole, result: AoResult): void {
  // A Lua error: e.g. the process refused an older bundle over a newer one (libs/aos-kit refuseDowngrade).
  const error = (result as { Error?: unknown }).Error;
  if (error !== undefined && error !== null && error !== "") throw new Error(`${role} refused the bundle: ${String(error)}`);
  for (const m of result.Messages ?? []) {
    const tags = tagRecord(m.Tags);
    if (tags[Tags.Action] === errorActionFor(Actions.Eval)) throw new Error(`${role} refused the bundle: ${tags[Tags.Error]}`);
  }
}
