import { verifyHandover, type HandoverReport } from "../../governance/deploy/verify.js";
import { formatAmount } from "../../governance/units.js";
import { SETTINGS } from "../../governance/catalog/index.js";
import type { Context } from "../context.js";

export interface StatusData {
  network: string;
  chainId: number;
  rpc: string;
  block: { number: number; timestamp: number };
  contracts: Record<string, string>;
  safes: { name: string; address: string; threshold: number; owners: string[] }[];
  settings: { name: string; value: string; display: string }[];
  parameters: number;
  handover: HandoverReport;
}

/** Where we are connected and the state of the governance core. */
export async function status(ctx: Context): Promise<StatusData> {
  const chain = await ctx.chain();
  const d = ctx.deployment;
  const core = await ctx.contracts();
  const block = (await chain.provider.getBlock("latest"))!;
  const safeAbi = ["function getThreshold() view returns (uint256)", "function getOwners() view returns (address[])"];
  const { Contract } = await import("ethers");
  const safes = await Promise.all(
    (["core", "guardian"] as const).map(async (name) => {
      const safe = new Contract(d.safes[name], safeAbi, chain.provider);
      return {
        name,
        address: d.safes[name],
        threshold: Number(await safe.getThreshold()),
        owners: [...(await safe.getOwners())] as string[],
      };
    }),
  );
  const handles: Record<string, Record<string, () => Promise<unknown>>> = {
    STAB3LGovernor: core.governor as never,
    TimelockController: core.timelock as never,
    STAB3LAuthority: core.authority as never,
  };
  const settings = await Promise.all(
    SETTINGS.filter((s) => handles[s.contract]).map(async (s) => {
      const value = String(await handles[s.contract][s.getter]());
      return { name: s.name, value, display: formatAmount(s.unit, s.unit === "Address" ? value : BigInt(value)) };
    }),
  );
  return {
    network: d.network,
    chainId: d.chainId,
    rpc: ctx.rpcUrl,
    block: { number: block.number, timestamp: block.timestamp },
    contracts: d.contracts,
    safes,
    settings,
    parameters: (await core.parameters.parameterKeys()).length,
    handover: await verifyHandover(d, chain.provider),
  };
}
