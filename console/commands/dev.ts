import { NonceManager } from "ethers";
import { LOCAL_ACCOUNT_LAYOUT, localWallet } from "../../governance/accounts.js";
import { InputError } from "../../governance/errors.js";
import { oracleFeeds, refreshFeeds } from "../../oracles/simulator.js";
import { parseAmount } from "../../governance/units.js";
import type { Context } from "../context.js";

/**
 * Local chains only: move the node's clock forward (votes take days). Refused on any chain but Hardhat's
 * 31337, so it can never be aimed at a real network.
 */
export async function devAdvance(
  ctx: Context,
  duration: string,
  options: { refreshFeeds?: boolean } = {},
): Promise<{ advancedBy: bigint; timestamp: number; refreshedFeeds: string[] }> {
  const chain = await ctx.chain();
  if (chain.chainId !== 31337n) throw new InputError("dev advance works on a local Hardhat chain only");
  let seconds: bigint;
  try {
    seconds = parseAmount("Seconds", duration);
  } catch (cause) {
    throw new InputError(`dev advance ${duration}: ${(cause as Error).message}`, { cause });
  }
  if (seconds <= 0n || seconds > 365n * 86_400n) throw new InputError("advance between 1 second and 365 days");
  const provider = chain.provider as unknown as { send(method: string, params: unknown[]): Promise<unknown> };
  await provider.send("evm_increaseTime", [Number(seconds)]);
  await provider.send("evm_mine", []);
  // The local price feeds are mocks nobody updates: re-post their answers so prices stay fresh, as Chainlink's
  // would be on a live network (skip with --no-refresh-feeds to see staleness handling).
  let refreshed: string[] = [];
  const oracleAddress = ctx.deployment.contracts.PriceOracle;
  if (options.refreshFeeds !== false && oracleAddress) {
    refreshed = await oracleFeeds(oracleAddress, chain.provider);
    await refreshFeeds(new NonceManager(localWallet(LOCAL_ACCOUNT_LAYOUT.spare.at(-1)!, chain.provider)), refreshed);
  }
  const block = await chain.provider.getBlock("latest");
  return { advancedBy: seconds, timestamp: block!.timestamp, refreshedFeeds: refreshed };
}
