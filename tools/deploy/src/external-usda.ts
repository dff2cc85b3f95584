/**
 * A network whose USDA already runs there (not deployed by TIM3), planned as the mainnet profile plans it: USDA's
 * Denomination and publishing form from the token-info it exposes (`exposedToken`), and every authority its messages
 * arrive under from its spawn tags at a gateway (`authoritiesWithUsda`), so TIM3's processes are spawned trusting them.
 * The devnet's external USDAs (the blueprint-like double, a USDA relayed under a second authority) go through it, with
 * the devnet node answering the gateway's query.
 */
import { Tags } from "@tim3/protocol";
import type { NetworkConfig } from "./manifest";
import { authoritiesWithUsda, exposedToken } from "./profiles";

export async function withExternalUsda(
  network: NetworkConfig,
  usda: string,
  options: { gateway?: string; log?: (line: string) => void; fetch?: typeof fetch } = {},
): Promise<NetworkConfig> {
  const fetchFn = options.fetch ?? fetch;
  const trust = await authoritiesWithUsda(network.authority, usda, options.gateway ?? network.nodeUrl, fetchFn);
  for (const line of trust.notes) options.log?.(line);
  if (trust.usdaAuthorityNote !== undefined) options.log?.(trust.usdaAuthorityNote);
  const { info, form } = await exposedToken(network.nodeUrl, usda, fetchFn);
  return {
    ...network,
    authority: trust.authority,
    external: { ...network.external, usda },
    externalInfo: { ...network.externalInfo, usda: { [Tags.Denomination]: String(info.denomination) } },
    usdaForm: form,
    ...(trust.usdaAuthorities !== undefined ? { usdaAuthorities: trust.usdaAuthorities } : {}),
  };
}
