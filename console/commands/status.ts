import { verifyHandover, type HandoverReport } from "../../governance/deploy/verify.js";
import { formatAmount } from "../../governance/units.js";
import { SETTINGS } from "../../governance/catalog/index.js";
import { contractInterface } from "../../governance/abis.js";
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
  // Every catalog setting with an argument-less getter, through its contract's ABI, all at once.
  const readable = SETTINGS.filter(
    (s) => d.contracts[s.contract] && contractInterface(s.contract)?.getFunction(s.getter)?.inputs.length === 0,
  );
  const settings = await Promise.all(
    readable.map(async (s) => {
      const iface = contractInterface(s.contract)!;
      const raw = await chain.provider.call({
        to: d.contracts[s.contract],
        data: iface.encodeFunctionData(s.getter, []),
      });
      const value = String(iface.decodeFunctionResult(s.getter, raw)[0]);
      return { name: s.name, value, display: formatAmount(s.unit, s.unit === "Address" ? value : BigInt(value)) };
    }),
  );
  const [handover, parameterKeys] = await Promise.all([
    verifyHandover(d, chain.provider),
    core.parameters.parameterKeys(),
  ]);
  return {
    network: d.network,
    chainId: d.chainId,
    rpc: ctx.rpcUrl,
    block: { number: block.number, timestamp: block.timestamp },
    contracts: d.contracts,
    safes,
    settings,
    parameters: parameterKeys.length,
    handover,
  };
}
