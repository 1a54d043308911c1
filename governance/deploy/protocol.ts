import { getCreateAddress, type Signer } from "ethers";
import { MockV3Aggregator__factory } from "../../typechain-types/factories/@chainlink/contracts/src/v0.8/tests/MockV3Aggregator__factory.js";
import { PriceOracle__factory } from "../../typechain-types/factories/contracts/oracles/PriceOracle__factory.js";
import { SSTBToken__factory } from "../../typechain-types/factories/contracts/core/SSTBToken__factory.js";
import { AttesterReportVerifier__factory } from "../../typechain-types/factories/contracts/core/AttesterReportVerifier__factory.js";
import { ComputeUnitVerifier__factory } from "../../typechain-types/factories/contracts/core/ComputeUnitVerifier__factory.js";
import { CUToken__factory } from "../../typechain-types/factories/contracts/core/CUToken__factory.js";
import { MintingAgent__factory } from "../../typechain-types/factories/contracts/core/MintingAgent__factory.js";
import { Redemption__factory } from "../../typechain-types/factories/contracts/core/Redemption__factory.js";
import { MockCollateralToken__factory } from "../../typechain-types/factories/contracts/mocks/MockCollateralToken__factory.js";
import { CollateralManager__factory } from "../../typechain-types/factories/contracts/staking/CollateralManager__factory.js";
import { ProviderStaking__factory } from "../../typechain-types/factories/contracts/staking/ProviderStaking__factory.js";
import { RewardsDistributor__factory } from "../../typechain-types/factories/contracts/staking/RewardsDistributor__factory.js";
import { ASSETS, ASSET_TAGS, encodeAsset, encodeTag } from "../../oracles/feeds.js";
import { DAY } from "../catalog/types.js";
import { localWallet } from "../accounts.js";
import { ROLES } from "../contracts.js";
import { Stab3lError } from "../errors.js";
import { PROTOCOL_DEFAULTS, type ExternalAddresses } from "./config.js";
import { assertLocalChain } from "./local-chain.js";
import type { DeployModule, ModuleContext } from "./modules.js";

const ZERO = "0x0000000000000000000000000000000000000000";
/** Verification method id of attester signatures in the ComputeUnitVerifier. */
export const ATTESTER_METHOD = 0;

/** Map `selectors` of `target` to `roleId` in the authority (the deployer is still its admin). */
async function restrict(ctx: ModuleContext, target: string, selectors: string[], roleId: bigint) {
  await (await ctx.core.authority.setTargetFunctionRole(target, selectors, roleId)).wait();
}

/** Deploy a Chainlink MockV3Aggregator with `decimals` and `answer` (local networks only). */
async function mockFeed(deployer: Signer, decimals: number, answer: bigint): Promise<string> {
  const feed = await (await new MockV3Aggregator__factory(deployer).deploy(decimals, answer)).waitForDeployment();
  return feed.getAddress();
}

/**
 * Local stand-ins for Chainlink: MockV3Aggregator feeds for CU/USD and COLLATERAL/USD (8 decimals) and a
 * sequencer uptime mock reporting "up since a day ago" (so the grace period has passed).
 */
async function localFeeds(ctx: ModuleContext): Promise<ExternalAddresses["feeds"]> {
  assertLocalChain(ctx.chain.chainId, "MockV3Aggregator price feeds (anyone can set their price)");
  const answers = (ctx.config.protocol ?? PROTOCOL_DEFAULTS).localFeedAnswers;
  const cuUsd = await mockFeed(ctx.deployer, 8, answers.cuUsd);
  const collateralUsd = await mockFeed(ctx.deployer, 8, answers.collateralUsd);
  const sequencer = await (await new MockV3Aggregator__factory(ctx.deployer).deploy(0, 0)).waitForDeployment();
  const now = (await ctx.chain.provider.getBlock("latest"))!.timestamp;
  await (await sequencer.updateRoundData(1, 0, now, now - DAY)).wait();
  ctx.log(`local feeds: CU/USD ${cuUsd}, COLLATERAL/USD ${collateralUsd}, sequencer ${await sequencer.getAddress()}`);
  return { cuUsd, collateralUsd, sequencerUptime: await sequencer.getAddress() };
}

/**
 * Prices and sSTB: the PriceOracle over Chainlink feeds (local mocks unless `config.external` names real ones)
 * and the sSTB token. Other domains (markets, bridge) build on both.
 */
export const pricesModule: DeployModule = {
  name: "prices & sSTB",
  roles: [],
  preflight(chainId, config) {
    if (!config.external) assertLocalChain(chainId, "MockV3Aggregator price feeds (anyone can set their price)");
  },
  async deploy(ctx) {
    const authority = await ctx.core.authority.getAddress();
    const parameters = await ctx.core.parameters.getAddress();
    const feeds = ctx.config.external?.feeds ?? (await localFeeds(ctx));

    const oracle = await (
      await new PriceOracle__factory(ctx.deployer).deploy(authority, parameters, feeds.sequencerUptime ?? ZERO)
    ).waitForDeployment();
    const oracleAddress = await oracle.getAddress();
    const assets: [string, string, string | undefined][] = [
      [ASSETS.CU_USD, feeds.cuUsd, feeds.cuUsdFallback],
      [ASSETS.COLLATERAL_USD, feeds.collateralUsd, feeds.collateralUsdFallback],
    ];
    for (const [asset, feed, fallback] of assets) {
      const tag = ASSET_TAGS[asset as keyof typeof ASSET_TAGS];
      await (await oracle.setAsset(encodeAsset(asset), feed, fallback ?? ZERO, encodeTag(tag))).wait();
    }
    await restrict(ctx, oracleAddress, [oracle.interface.getFunction("recordLastGoodPrice").selector], ROLES.PUBLIC);
    ctx.contracts.PriceOracle = oracleAddress;

    const sstb = await (await new SSTBToken__factory(ctx.deployer).deploy(authority)).waitForDeployment();
    const sstbAddress = await sstb.getAddress();
    await restrict(ctx, sstbAddress, [sstb.interface.getFunction("mint").selector], ROLES.SSTB_MINTER);
    await restrict(ctx, sstbAddress, [sstb.interface.getFunction("burnFrom").selector], ROLES.SSTB_BURNER);
    ctx.contracts.SSTBToken = sstbAddress;
    ctx.log(`PriceOracle ${oracleAddress}; sSTB ${sstbAddress}`);
  },
};

/** Development-mnemonic account indexes of the local attesters (keys are public: local chains only). */
export const LOCAL_ATTESTER_INDEXES = [20, 21, 22] as const;

/**
 * Minting and staking: CU verification (with the attester method), the CU token, the MintingAgent, Redemption,
 * ProviderStaking, the CollateralManager (local mUSDC unless `config.external` names the collateral token) and
 * the RewardsDistributor, the only rSTB minter.
 */
export const mintingStakingModule: DeployModule = {
  name: "minting & staking",
  // The MintingAgent's hops (consumeReport, CU mint/burn, stakeFor, addBacking) and ProviderStaking's rewards
  // checkpoint are wired at construction (`restrictedOrWired`): their roles keep the functions mapped for any other
  // caller governance may grant, and nobody holds them at deployment.
  roles: [
    { roleId: ROLES.RSTB_MINTER, label: "RSTB_MINTER", holders: ["RewardsDistributor"] },
    { roleId: ROLES.SSTB_MINTER, label: "SSTB_MINTER", holders: ["MintingAgent"] },
    { roleId: ROLES.SSTB_BURNER, label: "SSTB_BURNER", holders: ["Redemption", "CollateralManager"] },
    { roleId: ROLES.CU_MINTER, label: "CU_MINTER", holders: [] },
    { roleId: ROLES.REPORT_CONSUMER, label: "REPORT_CONSUMER", holders: [] },
    { roleId: ROLES.STAKE_ISSUER, label: "STAKE_ISSUER", holders: [] },
    { roleId: ROLES.BACKING_ISSUER, label: "BACKING_ISSUER", holders: [] },
    { roleId: ROLES.BACKING_SETTLER, label: "BACKING_SETTLER", holders: ["Redemption"] },
    { roleId: ROLES.REWARDS_NOTIFIER, label: "REWARDS_NOTIFIER", holders: [] },
  ],
  preflight(chainId, config) {
    if (!config.external) assertLocalChain(chainId, "the faucet collateral token MockCollateralToken");
    if (!config.protocol?.attesters) assertLocalChain(chainId, "attesters from the development mnemonic");
  },
  async deploy(ctx) {
    const d = ctx.deployer;
    const authority = await ctx.core.authority.getAddress();
    const parameters = await ctx.core.parameters.getAddress();
    const protocol = ctx.config.protocol ?? PROTOCOL_DEFAULTS;
    const local = !ctx.config.external;
    if (local) assertLocalChain(ctx.chain.chainId, "without external feeds and collateral (config.external)");
    if (!protocol.attesters && local) {
      assertLocalChain(ctx.chain.chainId, "attesters from the development mnemonic");
    }
    const attesters =
      protocol.attesters ?? (local ? LOCAL_ATTESTER_INDEXES.map((i) => localWallet(i).address) : undefined);
    if (!attesters || attesters.length === 0) {
      throw new Stab3lError("config.protocol.attesters is required on a real network");
    }
    const sstb = ctx.contracts.SSTBToken;
    const oracle = ctx.contracts.PriceOracle;
    if (!sstb || !oracle) throw new Stab3lError("the prices & sSTB module must be deployed first");

    let collateralToken = ctx.config.external?.collateralToken;
    if (!collateralToken) {
      assertLocalChain(ctx.chain.chainId, "the faucet collateral token MockCollateralToken");
      collateralToken = await (
        await (await new MockCollateralToken__factory(d).deploy()).waitForDeployment()
      ).getAddress();
    }

    // The MintingAgent is deployed last; its callees are built wired to it (an immutable each), so its address is
    // predicted from the deployer's nonce: the eight deployments below are the deployer's next eight transactions.
    const deployerAddress = await d.getAddress();
    const nonce = await d.getNonce("pending");
    const predictedAgent = getCreateAddress({ from: deployerAddress, nonce: nonce + 7 });
    const verifier = await (
      await new ComputeUnitVerifier__factory(d).deploy(
        authority,
        parameters,
        protocol.cuDefinition.flopsPerUnit,
        protocol.cuDefinition.usdPerUnit8,
        predictedAgent,
      )
    ).waitForDeployment();
    const attesterVerifier = await (
      await new AttesterReportVerifier__factory(d).deploy(authority, parameters, attesters)
    ).waitForDeployment();
    const cuToken = await (await new CUToken__factory(d).deploy(authority, predictedAgent)).waitForDeployment();
    const staking = await (
      await new ProviderStaking__factory(d).deploy(authority, parameters, sstb, predictedAgent)
    ).waitForDeployment();
    const rewards = await (
      await new RewardsDistributor__factory(d).deploy(
        authority,
        parameters,
        await staking.getAddress(),
        ctx.contracts.RSTBToken,
      )
    ).waitForDeployment();
    const collateral = await (
      await new CollateralManager__factory(d).deploy(
        authority,
        parameters,
        oracle,
        sstb,
        collateralToken,
        predictedAgent,
      )
    ).waitForDeployment();
    const redemption = await (
      await new Redemption__factory(d).deploy(
        authority,
        parameters,
        sstb,
        await verifier.getAddress(),
        await collateral.getAddress(),
        ctx.contracts.TimelockController,
      )
    ).waitForDeployment();
    const agent = await (
      await new MintingAgent__factory(d).deploy(
        authority,
        parameters,
        await verifier.getAddress(),
        await cuToken.getAddress(),
        sstb,
        await staking.getAddress(),
        await collateral.getAddress(),
      )
    ).waitForDeployment();
    if ((await agent.getAddress()) !== predictedAgent) {
      throw new Stab3lError(
        `MintingAgent deployed at ${await agent.getAddress()}, not at ${predictedAgent} its callees are wired to ` +
          "(another transaction from the deployer interleaved): redeploy the minting & staking module",
      );
    }
    await (await verifier.setVerificationMethod(ATTESTER_METHOD, await attesterVerifier.getAddress())).wait();
    await (await staking.setRewardsHook(await rewards.getAddress())).wait();

    const deployed = {
      ComputeUnitVerifier: verifier,
      AttesterReportVerifier: attesterVerifier,
      CUToken: cuToken,
      MintingAgent: agent,
      Redemption: redemption,
      ProviderStaking: staking,
      CollateralManager: collateral,
      RewardsDistributor: rewards,
    };
    for (const [name, c] of Object.entries(deployed)) ctx.contracts[name] = await c.getAddress();

    // Function → role map. Setters stay on ADMIN (the authority's default for unmapped functions).
    const sel = (c: { interface: { getFunction(n: string): { selector: string } | null } }, ...names: string[]) =>
      names.map((n) => c.interface.getFunction(n)!.selector);
    const map: [string, string[], bigint][] = [
      [ctx.contracts.ComputeUnitVerifier, sel(verifier, "registerProvider"), ROLES.PUBLIC],
      [ctx.contracts.ComputeUnitVerifier, sel(verifier, "consumeReport"), ROLES.REPORT_CONSUMER],
      [ctx.contracts.CUToken, sel(cuToken, "mint", "burn"), ROLES.CU_MINTER],
      [ctx.contracts.MintingAgent, sel(agent, "mint"), ROLES.PUBLIC],
      [ctx.contracts.Redemption, sel(redemption, "redeem", "confirmDelivery", "claimCompensation"), ROLES.PUBLIC],
      [ctx.contracts.ProviderStaking, sel(staking, "stake", "unstake"), ROLES.PUBLIC],
      [ctx.contracts.ProviderStaking, sel(staking, "stakeFor"), ROLES.STAKE_ISSUER],
      [ctx.contracts.CollateralManager, sel(collateral, "deposit", "withdraw", "liquidate"), ROLES.PUBLIC],
      [ctx.contracts.CollateralManager, sel(collateral, "addBacking"), ROLES.BACKING_ISSUER],
      [
        ctx.contracts.CollateralManager,
        sel(collateral, "reserveBacking", "releaseReserved", "compensate"),
        ROLES.BACKING_SETTLER,
      ],
      [ctx.contracts.RewardsDistributor, sel(rewards, "claim"), ROLES.PUBLIC],
      [ctx.contracts.RewardsDistributor, sel(rewards, "checkpoint"), ROLES.REWARDS_NOTIFIER],
    ];
    for (const [target, selectors, role] of map) await restrict(ctx, target, selectors, role);
    ctx.log(
      `CU verifier ${ctx.contracts.ComputeUnitVerifier} (${attesters.length} attesters); MintingAgent ${ctx.contracts.MintingAgent}; ` +
        `collateral ${collateralToken}${local ? " (local mUSDC)" : ""}`,
    );
  },
};
