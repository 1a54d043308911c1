import type { Signer } from "ethers";
import { MockV3Aggregator__factory } from "../../typechain-types/factories/@chainlink/contracts/src/v0.8/tests/MockV3Aggregator__factory.js";
import { PriceOracle__factory } from "../../typechain-types/factories/contracts/oracles/PriceOracle__factory.js";
import { SSTBToken__factory } from "../../typechain-types/factories/contracts/core/SSTBToken__factory.js";
import { ASSETS, ASSET_TAGS, encodeAsset, encodeTag } from "../../oracles/feeds.js";
import { DAY } from "../catalog/types.js";
import { ROLES } from "../contracts.js";
import { PROTOCOL_DEFAULTS, type ExternalAddresses } from "./config.js";
import type { DeployModule, ModuleContext } from "./modules.js";

const ZERO = "0x0000000000000000000000000000000000000000";

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
    await restrict(ctx, sstbAddress, [sstb.interface.getFunction("burn").selector], ROLES.SSTB_BURNER);
    ctx.contracts.SSTBToken = sstbAddress;
    ctx.log(`PriceOracle ${oracleAddress}; sSTB ${sstbAddress}`);
  },
};
