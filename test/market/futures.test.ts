import { pinNextBlockTime } from "../helpers/time.js";
import { expect } from "chai";
import hre from "hardhat";
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { parameterKey } from "../../governance/catalog/index.js";
import { firstRoundAtOrAfter } from "../../oracles/rounds.js";
import { setFeedAnswer } from "../../oracles/simulator.js";
import { Lifecycle } from "../helpers/lifecycle.js";
import {
  CU_HEARTBEAT,
  CU_PRICE,
  CU_USD,
  USDC,
  WAD,
  alignedExpiry,
  cuRoundTime,
  fixSettlement,
  latestCuRound,
  marketSystem,
  oracleError,
  setCuPrice,
  settleByGovernance,
  settlementRound,
} from "./fixture.js";

const SCALE = 10n ** 12n; // USDC units → wad
const SKEW_SCALE = 10_000_000n * WAD;
const DAY = 86_400n;

/** Mirrors FuturesMarket._fillPrice: the average skew bounded to ±scale / 2. */
function fill(index: bigint, skewBefore: bigint, skewAfter: bigint, scale = SKEW_SCALE): bigint {
  let avg = (skewBefore + skewAfter) / 2n;
  if (avg > scale / 2n) avg = scale / 2n;
  if (avg < -scale / 2n) avg = -scale / 2n;
  return (index * (WAD + (avg * WAD) / scale)) / WAD;
}
/** What the crowded side loses at once by entering at `entry` rather than at the index (quote units, rounded up). */
function premiumPaid(isLong: boolean, size: bigint, entry: bigint, index: bigint): bigint {
  const diff = isLong ? entry - index : index - entry;
  if (diff <= 0n) return 0n;
  const den = WAD * SCALE;
  return (size * diff + den - 1n) / den;
}
const notional = (size: bigint, price: bigint) => (size * price) / (WAD * SCALE);
const requirement = (size: bigint, price: bigint, bps: bigint) => {
  const den = WAD * SCALE * 10_000n;
  return (size * price * bps + den - 1n) / den;
};
function pnl(isLong: boolean, size: bigint, entry: bigint, price: bigint): bigint {
  const num = size * (isLong ? price - entry : entry - price);
  const den = WAD * SCALE;
  const q = num / den;
  return num % den !== 0n && num < 0n ? q - 1n : q;
}

async function withInsurance() {
  const m = await loadFixture(marketSystem);
  await (await m.futures.connect(m.users.keeper).fundInsurance(100_000n * USDC)).wait();
  const expiry = alignedExpiry(BigInt(await time.latest()), DAY, DAY);
  return { m, expiry };
}

describe("FuturesMarket: cash-settled CU futures", () => {
  it("opens a long at the index plus the skew premium, takes the fee and books margin and open interest", async () => {
    const { m, expiry } = await loadFixture(withInsurance);
    const size = 100_000n * WAD;
    const entry = fill(CU_PRICE, 0n, size); // 0.0603
    const fee = (notional(size, entry) * 10n) / 10_000n;
    await expect(m.futures.connect(m.users.alice).openPosition(expiry, true, size, 1_000n * USDC))
      .to.emit(m.futures, "PositionOpened")
      .withArgs(1n, m.users.alice.address, expiry, true, size, entry, 1_000n * USDC - fee, fee);
    expect(entry).to.equal(603n * 10n ** 14n);
    expect(await m.futures.openInterest()).to.deep.equal([size, 0n]);
    expect(await m.futures.accounts()).to.deep.equal([1_000n * USDC - fee, 100_000n * USDC, fee]);
    // The futures price the peg controller reads carries the whole skew: 0.06 × (1 + 1%).
    expect(await m.futures.futuresPrice()).to.equal(606n * 10n ** 14n);
  });

  it("refuses an under-margined open, a misaligned or too distant expiry, and open interest past the cap", async () => {
    const { m, expiry } = await loadFixture(withInsurance);
    const size = 100_000n * WAD;
    const entry = fill(CU_PRICE, 0n, size);
    const fee = (notional(size, entry) * 10n) / 10_000n;
    const required = requirement(size, CU_PRICE, 1_000n); // 600 USDC
    const premium = premiumPaid(true, size, entry, CU_PRICE); // 30 USDC: 0.5% average premium
    expect(premium).to.equal(30n * USDC);
    await expect(m.futures.connect(m.users.alice).openPosition(expiry, true, size, 600n * USDC))
      .to.be.revertedWithCustomError(m.futures, "FuturesInsufficientMargin")
      .withArgs(600n * USDC - fee - premium, required);

    const now = BigInt(await time.latest()) + 1n;
    await expect(m.futures.connect(m.users.alice).openPosition(expiry + 1n, true, size, 1_000n * USDC))
      .to.be.revertedWithCustomError(m.futures, "FuturesInvalidExpiry")
      .withArgs(expiry + 1n, DAY, now + 1n, now + 90n * DAY);
    const far = alignedExpiry(now, DAY, 91n * DAY);
    await expect(m.futures.connect(m.users.alice).openPosition(far, true, size, 1_000n * USDC))
      .to.be.revertedWithCustomError(m.futures, "FuturesInvalidExpiry")
      .withArgs(far, DAY, now + 2n, now + 1n + 90n * DAY);

    const cap = 2_000_000n * WAD;
    await expect(m.futures.connect(m.users.bob).openPosition(expiry, false, cap + 1n, 1_000_000n * USDC))
      .to.be.revertedWithCustomError(m.futures, "FuturesOpenInterestCap")
      .withArgs(false, cap + 1n, cap);
  });

  it("liquidates only below maintenance margin, pays the liquidator and books the rest to insurance", async () => {
    const { m, expiry } = await loadFixture(withInsurance);
    const size = 100_000n * WAD;
    await (await m.futures.connect(m.users.alice).openPosition(expiry, true, size, 1_000n * USDC)).wait();
    const p = await m.futures.position(1n);

    const mild = 54n * 10n ** 15n; // $0.054: equity above 5% maintenance
    await setCuPrice(m, mild);
    const equityMild = p.marginQuote + pnl(true, size, p.entryPriceWad, mild);
    await expect(m.futures.connect(m.users.keeper).liquidate(1n))
      .to.be.revertedWithCustomError(m.futures, "FuturesNotLiquidatable")
      .withArgs(1n, equityMild, requirement(size, mild, 500n));

    const crash = 52n * 10n ** 15n;
    await setCuPrice(m, crash);
    const equity = p.marginQuote + pnl(true, size, p.entryPriceWad, crash);
    const maintenance = requirement(size, crash, 500n);
    const reward = (notional(size, crash) * 50n) / 10_000n;
    const [, insuranceBefore] = await m.futures.accounts();
    const keeperBefore = await m.usdc.balanceOf(m.users.keeper.address);
    await expect(m.futures.connect(m.users.keeper).liquidate(1n))
      .to.emit(m.futures, "PositionLiquidated")
      .withArgs(1n, m.users.keeper.address, crash, equity, maintenance, reward);
    expect((await m.usdc.balanceOf(m.users.keeper.address)) - keeperBefore).to.equal(reward);
    const [totalMargin, insurance] = await m.futures.accounts();
    expect(totalMargin).to.equal(0n);
    expect(insurance - insuranceBefore).to.equal(p.marginQuote - reward);
    expect(await m.futures.openInterest()).to.deep.equal([0n, 0n]);
    await expect(m.futures.connect(m.users.keeper).liquidate(1n))
      .to.be.revertedWithCustomError(m.futures, "FuturesUnknownPosition")
      .withArgs(1n);
  });

  it("closes at the skew-adjusted exit price; profits come from the insurance fund, never beyond it", async () => {
    const m = await loadFixture(marketSystem);
    const expiry = alignedExpiry(BigInt(await time.latest()), DAY, DAY);
    const size = 100_000n * WAD;
    await (await m.futures.connect(m.users.alice).openPosition(expiry, true, size, 1_000n * USDC)).wait();
    const p = await m.futures.position(1n);
    const up = 66n * 10n ** 15n;
    await setCuPrice(m, up);
    const exit = fill(up, size, 0n);
    const profit = pnl(true, size, p.entryPriceWad, exit);
    const fee = (notional(size, exit) * 10n) / 10_000n;
    const cost = profit; // what leaves (payout + fee) beyond the position's own margin
    await expect(m.futures.connect(m.users.alice).closePosition(1n))
      .to.be.revertedWithCustomError(m.futures, "FuturesInsufficientLiquidity")
      .withArgs(cost, 0n);
    await (await m.futures.connect(m.users.keeper).fundInsurance(10_000n * USDC)).wait();
    const before = await m.usdc.balanceOf(m.users.alice.address);
    const payout = p.marginQuote + profit - fee;
    await expect(m.futures.connect(m.users.alice).closePosition(1n))
      .to.emit(m.futures, "PositionClosed")
      .withArgs(1n, exit, profit, fee, payout);
    expect((await m.usdc.balanceOf(m.users.alice.address)) - before).to.equal(payout);
    expect((await m.futures.accounts())[1]).to.equal(10_000n * USDC - cost);
  });

  it("only the owner closes or withdraws margin; withdrawals keep initial margin; anyone may top up", async () => {
    const { m, expiry } = await loadFixture(withInsurance);
    const size = 100_000n * WAD;
    await (await m.futures.connect(m.users.alice).openPosition(expiry, false, size, 2_000n * USDC)).wait();
    const p = await m.futures.position(1n);
    await expect(m.futures.connect(m.users.bob).closePosition(1n))
      .to.be.revertedWithCustomError(m.futures, "FuturesNotOwner")
      .withArgs(1n, m.users.bob.address, m.users.alice.address);
    const required = requirement(size, CU_PRICE, 1_000n);
    const equityNow = p.marginQuote + pnl(false, size, p.entryPriceWad, CU_PRICE);
    const tooMuch = equityNow - required + 1n;
    await expect(m.futures.connect(m.users.alice).removeMargin(1n, tooMuch))
      .to.be.revertedWithCustomError(m.futures, "FuturesInsufficientMargin")
      .withArgs(equityNow - tooMuch, required);
    await expect(m.futures.connect(m.users.alice).removeMargin(1n, tooMuch - 1n))
      .to.emit(m.futures, "MarginChanged")
      .withArgs(1n, m.users.alice.address, -(tooMuch - 1n), p.marginQuote - tooMuch + 1n);
    await expect(m.futures.connect(m.users.bob).addMargin(1n, 5n * USDC))
      .to.emit(m.futures, "MarginChanged")
      .withArgs(1n, m.users.bob.address, 5n * USDC, p.marginQuote - tooMuch + 1n + 5n * USDC);
  });

  it("settles at expiry from the first oracle answer at or after it, for longs and shorts alike", async () => {
    const { m, expiry } = await loadFixture(withInsurance);
    const size = 50_000n * WAD;
    await (await m.futures.connect(m.users.alice).openPosition(expiry, true, size, 1_000n * USDC)).wait();
    await (await m.futures.connect(m.users.bob).openPosition(expiry, false, size, 1_000n * USDC)).wait();
    const long = await m.futures.position(1n);
    const short = await m.futures.position(2n);

    await expect(m.futures.connect(m.users.keeper).settle(1n))
      .to.be.revertedWithCustomError(m.futures, "MarketSettlementPriceNotFixed")
      .withArgs(expiry);
    const round = await latestCuRound(m);
    const notYet = await pinNextBlockTime();
    await expect(m.futures.connect(m.users.keeper).fixSettlementPrice(expiry, round))
      .to.be.revertedWithCustomError(m.futures, "MarketExpiryNotReached")
      .withArgs(expiry, notYet);
    // A fresh answer given just before expiry is not a settlement price.
    await time.increaseTo(expiry - 60n);
    await setCuPrice(m, CU_PRICE);
    await time.increaseTo(expiry);
    const before = await latestCuRound(m);
    await expect(m.futures.connect(m.users.keeper).fixSettlementPrice(expiry, before))
      .to.be.revertedWithCustomError(m.futures, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleRoundBeforeTime"));
    const closeAt = await pinNextBlockTime();
    await expect(m.futures.connect(m.users.alice).closePosition(1n))
      .to.be.revertedWithCustomError(m.futures, "FuturesExpired")
      .withArgs(1n, expiry, closeAt);

    const final = 63n * 10n ** 15n;
    await setCuPrice(m, final);
    // A keeper who waits for a better answer cannot use it: only the first round at or after expiry counts.
    await setCuPrice(m, 70n * 10n ** 15n);
    const later = await latestCuRound(m);
    expect(later).to.equal(before + 2n);
    await expect(m.futures.connect(m.users.keeper).fixSettlementPrice(expiry, later))
      .to.be.revertedWithCustomError(m.futures, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleRoundNotFirst"));
    const first = await settlementRound(m, expiry);
    expect(first).to.equal(before + 1n);
    const firstAt = await cuRoundTime(m, first);
    await expect(m.futures.connect(m.users.keeper).fixSettlementPrice(expiry, first))
      .to.emit(m.futures, "SettlementPriceFixed")
      .withArgs(expiry, final, firstAt);
    const longPnl = pnl(true, size, long.entryPriceWad, final);
    const shortPnl = pnl(false, size, short.entryPriceWad, final);
    await expect(m.futures.connect(m.users.keeper).settle(1n))
      .to.emit(m.futures, "PositionSettled")
      .withArgs(1n, final, longPnl, long.marginQuote + longPnl);
    // The price is fixed once: fixing again (with any round) returns it unchanged.
    await expect(m.futures.connect(m.users.keeper).fixSettlementPrice(expiry, later)).not.to.emit(
      m.futures,
      "SettlementPriceFixed",
    );
    await expect(m.futures.connect(m.users.keeper).settle(2n))
      .to.emit(m.futures, "PositionSettled")
      .withArgs(2n, final, shortPnl, short.marginQuote + shortPnl);
    expect(await m.futures.settlementPrice(Number(expiry))).to.equal(final);
    expect(await m.futures.openInterest()).to.deep.equal([0n, 0n]);
  });

  it("with overlapping Chainlink phases only the latest phase's round settles; the other candidate is refused", async () => {
    const { m, expiry } = await loadFixture(withInsurance);
    // Governance points CU/USD at a Chainlink proxy whose phase 1 aggregator keeps answering after phase 2 began.
    const oldAggregator = await hre.ethers.deployContract("MockV3Aggregator", [8, 6_000_000n]);
    const proxy = await hre.ethers.deployContract("MockPhasedAggregatorProxy", [await oldAggregator.getAddress()]);
    const timelock = m.deployment.contracts.TimelockController;
    await impersonateAccount(timelock);
    await setBalance(timelock, 10n ** 18n);
    const config = await m.oracle.assetConfig(CU_USD);
    await (
      await m.oracle
        .connect(await hre.ethers.getSigner(timelock))
        .setAsset(CU_USD, await proxy.getAddress(), config.fallbackFeed, config.tag)
    ).wait();
    await time.increaseTo(expiry - 100n);
    await (await oldAggregator.updateAnswer(6_100_000n)).wait();
    const newAggregator = await hre.ethers.deployContract("MockV3Aggregator", [8, 6_150_000n]);
    await (await proxy.addPhase(await newAggregator.getAddress())).wait();
    await time.increaseTo(expiry);
    await (await oldAggregator.updateAnswer(6_200_000n)).wait();
    await (await newAggregator.updateAnswer(6_300_000n)).wait();
    const phase = (p: bigint, round: bigint) => (p << 64n) | round;
    // Each phase's first round at or after expiry; a keeper used to pick the price it liked.
    const fix = (round: bigint) => m.futures.connect(m.users.keeper).fixSettlementPrice(expiry, round);
    await expect(fix(phase(1n, 3n)))
      .to.be.revertedWithCustomError(m.futures, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleRoundNotLatestPhase"));
    const round = await firstRoundAtOrAfter(await proxy.getAddress(), expiry, hre.ethers.provider);
    expect(round.roundId).to.equal(phase(2n, 2n));
    await expect(fix(round.roundId))
      .to.emit(m.futures, "SettlementPriceFixed")
      .withArgs(expiry, 63n * 10n ** 15n, round.updatedAt);
  });

  it("when the feed cannot settle an expiry, governance sets the price after futures.settlementFallbackDelay", async () => {
    const { m, expiry } = await loadFixture(withInsurance);
    const size = 50_000n * WAD;
    await (await m.futures.connect(m.users.alice).openPosition(expiry, true, size, 1_000n * USDC)).wait();
    const long = await m.futures.position(1n);
    await time.increaseTo(expiry);
    // The first answer after expiry is zero: that round fails the oracle's checks, and no later round is first.
    await setFeedAnswer(m.feedKeeper, m.cuFeed, 0n);
    const broken = await latestCuRound(m);
    const fix = (round: bigint) => m.futures.connect(m.users.keeper).fixSettlementPrice(expiry, round);
    await expect(fix(broken))
      .to.be.revertedWithCustomError(m.futures, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleNonPositivePrice"));
    await setCuPrice(m, CU_PRICE);
    await expect(fix(broken + 1n))
      .to.be.revertedWithCustomError(m.futures, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleRoundNotFirst"));

    // Only governance, and not before the delay.
    const timelock = m.deployment.contracts.TimelockController;
    await impersonateAccount(timelock);
    await setBalance(timelock, 10n ** 18n);
    const asTimelock = m.futures.connect(await hre.ethers.getSigner(timelock));
    const delay = await m.core.parameters.get(parameterKey("futures.settlementFallbackDelay"));
    await expect(asTimelock.setSettlementPrice.staticCall(expiry, CU_PRICE))
      .to.be.revertedWithCustomError(m.futures, "MarketSettlementFallbackTooEarly")
      .withArgs(expiry, expiry + delay);
    await expect(m.futures.connect(m.users.alice).setSettlementPrice(expiry, CU_PRICE))
      .to.be.revertedWithCustomError(m.futures, "AccessManagedUnauthorized")
      .withArgs(m.users.alice.address);
    await time.increaseTo(expiry + delay);
    await expect(asTimelock.setSettlementPrice.staticCall(expiry, 0n))
      .to.be.revertedWithCustomError(m.futures, "MarketInvalidSettlementPrice")
      .withArgs(0n);

    const price = 61n * 10n ** 15n;
    const receipt = await settleByGovernance(m, m.futures, expiry, price);
    await expect(receipt).to.emit(m.futures, "SettlementPriceSetByGovernance").withArgs(expiry, price);
    await expect(asTimelock.setSettlementPrice.staticCall(expiry, price))
      .to.be.revertedWithCustomError(m.futures, "MarketSettlementAlreadyFixed")
      .withArgs(expiry, price);
    const longPnl = pnl(true, size, long.entryPriceWad, price);
    await expect(m.futures.connect(m.users.keeper).settle(1n))
      .to.emit(m.futures, "PositionSettled")
      .withArgs(1n, price, longPnl, long.marginQuote + longPnl);
  });

  it("halts opening with a named error when the oracle fails", async () => {
    const { m } = await loadFixture(withInsurance);
    await time.increase(CU_HEARTBEAT + 1); // the CU/USD answer goes stale
    const later = alignedExpiry(BigInt(await time.latest()), DAY, DAY);
    await expect(m.futures.connect(m.users.alice).openPosition(later, true, WAD, 100n * USDC))
      .to.be.revertedWithCustomError(m.futures, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleStalePrice"));
    await expect(m.futures.futuresPrice()).to.be.revertedWithCustomError(m.futures, "MarketOracleFailed");
  });

  it("the crowded side's margin covers its premium: pushing the skew leaves no bad debt for the other side to collect", async () => {
    const { m, expiry } = await loadFixture(withInsurance);
    const { alice, bob } = m.users;
    const M = 1_000_000n * WAD;
    const required = requirement(M, CU_PRICE, 1_000n); // 6,000 USDC of initial margin per 1M CU
    // First short: skew 0 → −1M, average premium 5% (3,000 USDC), within what its margin must now also cover.
    const entry1 = fill(CU_PRICE, 0n, -M);
    const fee1 = (notional(M, entry1) * 10n) / 10_000n;
    const premium1 = premiumPaid(false, M, entry1, CU_PRICE);
    expect(premium1).to.equal(3_000n * USDC);
    await (await m.futures.connect(bob).openPosition(expiry, false, M, required + fee1 + premium1)).wait();

    // The attack: the second short (−1M → −2M) enters 15% under the index (9,000 USDC) with only the initial
    // margin. Before, it opened at equity −3,000 USDC: the long that rebalances later collects the whole 15% from
    // the insurance fund, the short's loss stops at its margin. Now it is refused by name.
    const entry2 = fill(CU_PRICE, -M, -2n * M);
    const fee2 = (notional(M, entry2) * 10n) / 10_000n;
    const premium2 = premiumPaid(false, M, entry2, CU_PRICE);
    expect(premium2).to.equal(9_000n * USDC);
    await expect(m.futures.connect(bob).openPosition(expiry, false, M, required + fee2))
      .to.be.revertedWithCustomError(m.futures, "FuturesInsufficientMargin")
      .withArgs(required - premium2, required);
    await (await m.futures.connect(bob).openPosition(expiry, false, M, required + fee2 + premium2)).wait();
    const [equity2] = await m.futures.health(2n);
    expect(equity2).to.equal(required); // margin after fee, less the premium: exactly the initial requirement

    // The long on the other side enters 10% under the index and gains 12,000 USDC; the shorts' 12,000 USDC of
    // premium was posted as margin, so at settlement the insurance fund pays nothing net.
    const longEntry = fill(CU_PRICE, -2n * M, 0n);
    expect(premiumPaid(true, 2n * M, longEntry, CU_PRICE)).to.equal(0n);
    await (await m.futures.connect(alice).openPosition(expiry, true, 2n * M, 2n * required + 200n * USDC)).wait();
    const [, insuranceBefore] = await m.futures.accounts();
    await time.increaseTo(expiry);
    await setCuPrice(m, CU_PRICE);
    await fixSettlement(m, m.futures, expiry);
    for (const id of [1n, 2n, 3n]) await (await m.futures.connect(m.users.keeper).settle(id)).wait();
    const [totalMargin, insuranceAfter] = await m.futures.accounts();
    expect(totalMargin).to.equal(0n);
    expect(insuranceAfter).to.equal(insuranceBefore);
  });

  it("caps each side at half the skew scale, and a scale lowered under the open interest bounds the premium at 50%", async () => {
    const { m } = await loadFixture(withInsurance);
    const lifecycle = new Lifecycle(m);
    const set = (key: string, value: bigint) => ({
      target: m.deployment.contracts.ParameterStore,
      value: 0n,
      data: m.core.parameters.interface.encodeFunctionData("setParameter", [parameterKey(key), value]),
    });
    // Governance raises the cap to 3M CU and halves the scale to 5M CU: the cap in force is 2.5M, half the scale
    // (the simulation's relations check names this configuration before it is proposed).
    await lifecycle.pass({
      actions: [set("futures.maxOpenInterestCu", 3_000_000n * WAD), set("futures.skewScaleCu", 5_000_000n * WAD)],
      description: "# Futures: cap 3M, scale 5M",
    });
    await setCuPrice(m, CU_PRICE);
    const expiry = alignedExpiry(BigInt(await time.latest()), DAY, 30n * DAY);
    const half = 2_500_000n * WAD;
    await expect(m.futures.connect(m.users.bob).openPosition(expiry, false, half + 1n, 1_000_000n * USDC))
      .to.be.revertedWithCustomError(m.futures, "FuturesOpenInterestCap")
      .withArgs(false, half + 1n, half);
    await (await m.futures.connect(m.users.bob).openPosition(expiry, false, half, 100_000n * USDC)).wait();
    expect(await m.futures.futuresPrice()).to.equal(fill(CU_PRICE, -half, -half, 5_000_000n * WAD)); // 0.5 × index

    // Halving the scale again puts the skew at −1 × scale: the unbounded factor 1 + skew / scale would be zero and
    // every futures price (closing, the peg controller's read) would fail. Bounded, it is half the index.
    await lifecycle.pass({
      actions: [set("futures.skewScaleCu", half)],
      description: "# Futures: scale 2.5M",
    });
    await setCuPrice(m, CU_PRICE);
    expect(await m.futures.futuresPrice()).to.equal(CU_PRICE / 2n);
    expect(await m.futures.futuresPriceAt(CU_PRICE)).to.equal(CU_PRICE / 2n);
    expect(fill(CU_PRICE, -half, -half, half)).to.equal(CU_PRICE / 2n);
    await expect(m.futures.connect(m.users.bob).closePosition(1n)).to.emit(m.futures, "PositionClosed");
  });

  it("fees are collected only by governance", async () => {
    const { m, expiry } = await loadFixture(withInsurance);
    await (await m.futures.connect(m.users.alice).openPosition(expiry, true, 100_000n * WAD, 1_000n * USDC)).wait();
    await expect(m.futures.connect(m.users.alice).collectFees(m.users.alice.address))
      .to.be.revertedWithCustomError(m.futures, "AccessManagedUnauthorized")
      .withArgs(m.users.alice.address);
  });
});
