import hre from "hardhat";
import { MaxUint256, type Signer } from "ethers";
import { FuturesMarket__factory } from "../../typechain-types/factories/contracts/market/FuturesMarket__factory.js";
import { OptionsMarket__factory } from "../../typechain-types/factories/contracts/market/OptionsMarket__factory.js";
import { PegController__factory } from "../../typechain-types/factories/contracts/market/PegController__factory.js";
import { SpotMarket__factory } from "../../typechain-types/factories/contracts/market/SpotMarket__factory.js";
import { MockUSDC__factory } from "../../typechain-types/factories/contracts/mocks/MockUSDC__factory.js";
import { CrossChainBridge__factory } from "../../typechain-types/factories/contracts/bridge/CrossChainBridge__factory.js";
import { MessageVerifier__factory } from "../../typechain-types/factories/contracts/bridge/MessageVerifier__factory.js";
import { ROLES } from "../../governance/contracts.js";
import { CU_USD } from "../../governance/deploy/markets.js";
import { refreshFeeds, setFeedAnswer } from "../../oracles/simulator.js";
import { firstRoundAtOrAfter } from "../../oracles/rounds.js";
import { MockV3Aggregator__factory } from "../../typechain-types/factories/@chainlink/contracts/src/v0.8/tests/MockV3Aggregator__factory.js";
import { allFeeds, governed, pricedSystem } from "../oracles/fixtures.js";

export { CU_USD };
export const WAD = 10n ** 18n;
/** One USDC in its 6-decimal units. */
export const USDC = 10n ** 6n;
/** $0.06, the deployment's initial CU price. */
export const CU_PRICE = 6n * 10n ** 16n;
/** Seconds after which the CU/USD feed's answer is stale (oracle.cu.heartbeat default: 1 day + 1 hour). */
export const CU_HEARTBEAT = 86_400 + 3_600;

/**
 * The whole system deployed as in production, with typed handles on the market and bridge contracts, the real
 * PriceOracle over the local mock feeds, and sSTB. Users get sSTB from a test minter that governance authorises
 * (a passed proposal grants it SSTB_MINTER), and USDC from the local quote token's open mint.
 */
export async function marketSystem() {
  const sys = await pricedSystem();
  const c = sys.deployment.contracts;
  const p = hre.ethers.provider;
  const [lp, alice, bob, carol, keeper] = sys.spare.slice(1);
  const minter = sys.spare[6];
  await governed(
    sys,
    [
      {
        target: c.STAB3LAuthority,
        value: 0n,
        data: sys.core.authority.interface.encodeFunctionData("grantRole", [ROLES.SSTB_MINTER, minter.address, 0]),
      },
    ],
    "# Tests: a test account may mint sSTB",
    sys.feedKeeper,
  );
  const m = {
    ...sys,
    spot: SpotMarket__factory.connect(c.SpotMarket, p),
    futures: FuturesMarket__factory.connect(c.FuturesMarket, p),
    options: OptionsMarket__factory.connect(c.OptionsMarket, p),
    peg: PegController__factory.connect(c.PegController, p),
    bridge: CrossChainBridge__factory.connect(c.CrossChainBridge, p),
    verifier: MessageVerifier__factory.connect(c.MessageVerifier, p),
    usdc: MockUSDC__factory.connect(c.MockUSDC, p),
    cuFeed: sys.feeds.assets["CU/USD"].feed,
    users: { lp, alice, bob, carol, keeper },
  };
  // Every user gets sSTB and USDC and approves every market and the bridge once.
  const spenders = [c.SpotMarket, c.FuturesMarket, c.OptionsMarket, c.CrossChainBridge];
  for (const u of [lp, alice, bob, carol, keeper]) {
    await (await m.sstb.connect(minter).mint(u.address, 10_000_000n * WAD)).wait();
    await (await m.usdc.connect(u).mint(u.address, 10_000_000n * USDC)).wait();
    for (const s of spenders) {
      await (await m.sstb.connect(u).approve(s, MaxUint256)).wait();
      await (await m.usdc.connect(u).approve(s, MaxUint256)).wait();
    }
  }
  return m;
}
export type MarketSystem = Awaited<ReturnType<typeof marketSystem>>;

/** Re-post every feed (after time travel). */
export async function freshPrices(m: MarketSystem): Promise<void> {
  await refreshFeeds(m.feedKeeper, allFeeds(m));
}

/**
 * A predicate for `withArgs`: the `reason` of MarketOracleFailed is the PriceOracle's error `name` about CU/USD.
 */
export function oracleError(m: MarketSystem, name: string) {
  return (reason: string) => {
    const e = m.oracle.interface.parseError(reason);
    return e?.name === name && e.args[0] === CU_USD;
  };
}

/** Set the CU price (USD wad), answered now: the CU/USD mock feed has 8 decimals. */
export async function setCuPrice(m: MarketSystem, priceWad: bigint): Promise<void> {
  await setFeedAnswer(m.feedKeeper, m.cuFeed, priceWad / 10n ** 10n);
}

/** The CU/USD feed's first round at or after `expiry`: the proof `fixSettlementPrice(expiry, roundId)` takes. */
export async function settlementRound(m: MarketSystem, expiry: bigint): Promise<bigint> {
  return (await firstRoundAtOrAfter(m.cuFeed, expiry, hre.ethers.provider)).roundId;
}

/** The CU/USD feed's latest round id. */
export async function latestCuRound(m: MarketSystem): Promise<bigint> {
  return (await MockV3Aggregator__factory.connect(m.cuFeed, hre.ethers.provider).latestRoundData()).roundId;
}

/** When round `roundId` of the CU/USD feed was published. */
export async function cuRoundTime(m: MarketSystem, roundId: bigint): Promise<bigint> {
  return (await MockV3Aggregator__factory.connect(m.cuFeed, hre.ethers.provider).getRoundData(roundId)).updatedAt;
}

/** Fix the settlement price of `expiry` on `market` from the first CU/USD round at or after it (as a keeper). */
export async function fixSettlement(
  m: MarketSystem,
  market: MarketSystem["futures"] | MarketSystem["options"],
  expiry: bigint,
): Promise<void> {
  await (await market.connect(m.users.keeper).fixSettlementPrice(expiry, await settlementRound(m, expiry))).wait();
}

/** Pass a real proposal in which governance sets the settlement price of `expiry` on `market`; returns its receipt. */
export async function settleByGovernance(
  m: MarketSystem,
  market: MarketSystem["futures"] | MarketSystem["options"],
  expiry: bigint,
  priceWad: bigint,
) {
  const { receipt } = await governed(
    m,
    [
      {
        target: await market.getAddress(),
        value: 0n,
        data: market.interface.encodeFunctionData("setSettlementPrice", [expiry, priceWad]),
      },
    ],
    `# Settle the expiry ${expiry} the CU feed could not`,
    m.feedKeeper,
  );
  return receipt;
}

/** Seed the spot pool at the oracle price: `sstb` sSTB and the matching USDC at $0.06. */
export async function seedPool(m: MarketSystem, sstb = 1_000_000n * WAD, lp: Signer = m.users.lp) {
  const quote = (sstb * CU_PRICE) / WAD / 10n ** 12n;
  await (await m.spot.connect(lp).addLiquidity(sstb, quote, 0n)).wait();
  return { sstb, quote };
}

/** Uniswap-v2-style output for the pool's fee (bps) and reserves; mirrors SpotMarket._quoteSwap. */
export function swapOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, feeBps: bigint) {
  const fee = (amountIn * feeBps) / 10_000n;
  const net = amountIn - fee;
  return { out: (reserveOut * net) / (reserveIn + net), fee };
}

/** USD (wad) per sSTB for reserves (quote in 6 decimals). */
export function poolPrice(sstbReserve: bigint, quoteReserve: bigint): bigint {
  return (quoteReserve * 10n ** 12n * WAD) / sstbReserve;
}

/** The next multiple of `interval` strictly after `now + minDelay`. */
export function alignedExpiry(now: bigint, interval: bigint, minDelay = 0n): bigint {
  return ((now + minDelay) / interval + 1n) * interval;
}
