import { Contract, getAddress, Interface, type Provider, type Signer } from "ethers";
import { CrossChainBridge__factory } from "../../typechain-types/factories/contracts/bridge/CrossChainBridge__factory.js";
import { MessageVerifier__factory } from "../../typechain-types/factories/contracts/bridge/MessageVerifier__factory.js";
import { SpotMarket__factory } from "../../typechain-types/factories/contracts/market/SpotMarket__factory.js";
import { encodeAsset } from "../../oracles/feeds.js";
import type { Chain } from "../chain.js";
import { protocolContracts } from "../contracts.js";
import type { Deployment } from "../deployment.js";
import { Stab3lError } from "../errors.js";
import { deployStab3l } from "./index.js";
import type { DeployPlan } from "./review.js";
import { verifyHandover, type HandoverReport } from "./verify.js";

/**
 * Execute a reviewed plan: deploy exactly what `formatPlan` showed, with `deployer` (never a development key:
 * the review refused those), then check the result against the config (verifyNetworkDeployment).
 */
export async function deployFromPlan(
  plan: DeployPlan,
  chain: Chain,
  deployer: Signer,
  log: (line: string) => void = () => {},
): Promise<{ deployment: Deployment; report: NetworkReport }> {
  const c = plan.config;
  const deployment = await deployStab3l({
    chain,
    network: c.network,
    deployer,
    coreOwners: plan.safes.core.owners,
    guardianOwners: plan.safes.guardian.owners,
    delegates: c.delegates,
    config: plan.deployConfig,
    safeContracts: c.safe.contracts,
    safeVersion: c.safe.version,
    existingSafes: { core: plan.safes.core.existing, guardian: plan.safes.guardian.existing },
    modules: plan.modules,
    log,
  });
  const report = await verifyNetworkDeployment(deployment, plan, chain.provider);
  if (!report.ok) {
    throw new Stab3lError(`the deployment does not match ${plan.source}: ${report.problems.join("; ")}`, {
      details: { report },
    });
  }
  return { deployment, report };
}

/** The handover check plus the config's own: the deployment holds exactly the reviewed addresses. */
export interface NetworkReport {
  ok: boolean;
  problems: string[];
  handover: HandoverReport;
}

const SAFE = new Interface([
  "function getOwners() view returns (address[])",
  "function getThreshold() view returns (uint256)",
]);

const sameSet = (a: readonly (string | bigint)[], b: readonly (string | bigint)[]) => {
  const norm = (xs: readonly (string | bigint)[]) =>
    xs
      .map((x) => String(x).toLowerCase())
      .sort()
      .join(",");
  return norm(a) === norm(b);
};

/**
 * Read the deployment back and compare it with the plan: the Safes' owners and thresholds, the oracle's feeds and
 * sequencer feed, the collateral and quote tokens, the attesters, the bridge's relayers and peers; and the handover
 * (verifyHandover: the deployer holds no role, no rSTB, no votes; no role beyond those the architecture names).
 */
export async function verifyNetworkDeployment(
  d: Deployment,
  plan: DeployPlan,
  provider: Provider,
): Promise<NetworkReport> {
  const c = plan.config;
  const problems: string[] = [];
  const handover = await verifyHandover(d, provider, plan.modules);
  problems.push(...handover.problems);

  for (const which of ["core", "guardian"] as const) {
    const safe = new Contract(d.safes[which], SAFE, provider);
    const [owners, threshold] = (await Promise.all([safe.getOwners(), safe.getThreshold()])) as [string[], bigint];
    const want = plan.safes[which];
    if (!sameSet(owners, want.owners)) problems.push(`${which} Safe owners are ${owners.join(", ")}`);
    if (Number(threshold) !== want.threshold) problems.push(`${which} Safe threshold is ${threshold}`);
  }

  if (c.bridge.mode === "home") {
    const p = protocolContracts(d, provider);
    const prices = c.prices!;
    const zero = "0x0000000000000000000000000000000000000000";
    const [cu, coll, sequencer, collateral, quote, attesterCount] = await Promise.all([
      p.oracle.assetConfig(encodeAsset("CU/USD")),
      p.oracle.assetConfig(encodeAsset("COLLATERAL/USD")),
      p.oracle.sequencerUptimeFeed(),
      p.collateral.collateralToken(),
      SpotMarket__factory.connect(d.contracts.SpotMarket, provider).quoteToken(),
      p.attesters.attesterCount(),
    ]);
    const check = (what: string, got: string, want: string | null | undefined) => {
      if (got.toLowerCase() !== (want ?? zero).toLowerCase()) problems.push(`${what} is ${got}, expected ${want}`);
    };
    check("CU/USD feed", cu.feed, prices.cuUsd);
    check("CU/USD fallback feed", cu.fallbackFeed, prices.cuUsdFallback);
    check("COLLATERAL/USD feed", coll.feed, prices.collateralUsd);
    check("COLLATERAL/USD fallback feed", coll.fallbackFeed, prices.collateralUsdFallback);
    check("sequencer uptime feed", sequencer, prices.sequencerUptime);
    check("collateral token", collateral, c.tokens!.collateral);
    check("quote token", quote, c.tokens!.quote);
    const attesters = c.attesters!;
    const isAttester = await Promise.all(attesters.map((a) => p.attesters.isAttester(a)));
    attesters.forEach((a, i) => {
      if (!isAttester[i]) problems.push(`${a} is not an attester`);
    });
    if (attesterCount !== BigInt(attesters.length))
      problems.push(`${attesterCount} attesters, expected ${attesters.length}`);
  }

  const bridge = CrossChainBridge__factory.connect(d.contracts.CrossChainBridge, provider);
  const verifier = MessageVerifier__factory.connect(d.contracts.MessageVerifier, provider);
  const [relayers, peers, mode] = await Promise.all([verifier.relayers(), bridge.peerChains(), bridge.mode()]);
  if (!sameSet(relayers, c.bridge.relayers)) problems.push(`bridge relayers are ${relayers.join(", ")}`);
  if (
    !sameSet(
      peers,
      c.bridge.peers.map((p) => BigInt(p.chainId)),
    )
  )
    problems.push(`bridge peers are ${peers.join(", ")}`);
  const peerBridges = await Promise.all(c.bridge.peers.map((p) => bridge.peerBridge(p.chainId)));
  c.bridge.peers.forEach((p, i) => {
    if (getAddress(peerBridges[i]) !== getAddress(p.bridge)) {
      problems.push(`bridge peer on chain ${p.chainId} is ${peerBridges[i]}, expected ${p.bridge}`);
    }
  });
  if (Number(mode) !== (c.bridge.mode === "home" ? 0 : 1)) problems.push(`bridge mode is ${mode}`);

  return { ok: problems.length === 0, problems, handover };
}
