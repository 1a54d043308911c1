import hre from "hardhat";
import type { Signer } from "ethers";
import { PriceOracle__factory } from "../../typechain-types/factories/contracts/oracles/PriceOracle__factory.js";
import { SSTBToken__factory } from "../../typechain-types/factories/contracts/core/SSTBToken__factory.js";
import type { Action, Proposal } from "../../governance/proposal.js";
import { executeWithOwners } from "../../governance/safe/transactions.js";
import { ASSETS, deployedFeeds, encodeAsset } from "../../oracles/feeds.js";
import { refreshFeeds } from "../../oracles/simulator.js";
import { deployedSystem, type System } from "../helpers/fixtures.js";
import { Lifecycle } from "../helpers/lifecycle.js";

/** The deployed system plus typed handles on the price layer and sSTB, and the local feeds. */
export async function pricedSystem() {
  const sys = await deployedSystem();
  const runner = hre.ethers.provider;
  const oracle = PriceOracle__factory.connect(sys.deployment.contracts.PriceOracle, runner);
  const sstb = SSTBToken__factory.connect(sys.deployment.contracts.SSTBToken, runner);
  const feeds = await deployedFeeds(sys.deployment, runner);
  /** Anyone may move the local mock feeds; tests use a spare account for it. */
  const feedKeeper = sys.spare[7];
  return { ...sys, oracle, sstb, feeds, feedKeeper };
}
export type PricedSystem = Awaited<ReturnType<typeof pricedSystem>>;

export const CU_USD = encodeAsset(ASSETS.CU_USD);
export const COLLATERAL_USD = encodeAsset(ASSETS.COLLATERAL_USD);

/** Every primary and fallback feed of the deployment. */
export function allFeeds(sys: PricedSystem & { extraFeeds?: string[] }): string[] {
  return [...Object.values(sys.feeds.assets).map((a) => a.feed), ...(sys.extraFeeds ?? [])];
}

/**
 * Pass `actions` through real governance (core Safe proposes, delegates vote, Timelock executes), then refresh
 * the local feeds: the governance cycle takes a week, longer than any heartbeat.
 */
export async function governed(sys: System, actions: Action[], description: string, keeper?: Signer) {
  const proposal: Proposal = { actions, description };
  const result = await new Lifecycle(sys).pass(proposal);
  if (keeper) {
    const feeds = await deployedFeeds(sys.deployment, hre.ethers.provider);
    await refreshFeeds(
      keeper,
      Object.values(feeds.assets).flatMap((a) => (a.fallbackFeed ? [a.feed, a.fallbackFeed] : [a.feed])),
    );
  }
  return result;
}

/** Guardians (2 of the guardian Safe's owners) pause `selectors` of `target` (all of it when empty). */
export async function guardianPause(sys: System, target: string, selectors: string[], reason: string) {
  const data = sys.core.authority.interface.encodeFunctionData("guardianPause", [target, selectors, reason]);
  const result = await executeWithOwners(
    sys.chain,
    sys.deployment.safes.guardian,
    [{ to: sys.deployment.contracts.STAB3LAuthority, value: 0n, data }],
    sys.guardianOwnerKeys.slice(0, 2),
    sys.deployment.safeContracts,
  );
  if (!result.success) throw new Error("guardian pause failed");
}
