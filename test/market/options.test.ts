import { pinNextBlockTime } from "../helpers/time.js";
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { parameterKey } from "../../governance/catalog/index.js";
import { setFeedAnswer } from "../../oracles/simulator.js";
import {
  CU_HEARTBEAT,
  CU_PRICE,
  CU_USD,
  USDC,
  WAD,
  alignedExpiry,
  marketSystem,
  oracleError,
  fixSettlement,
  latestCuRound,
  setCuPrice,
  settleByGovernance,
} from "./fixture.js";

const DAY = 86_400n;
const D = WAD * 10n ** 12n; // CU wad × USD wad → USDC units
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const STRIKE = 6n * 10n ** 16n;
const PREMIUM = 2_000n; // 0.002 USDC per CU

async function written() {
  const m = await loadFixture(marketSystem);
  const expiry = alignedExpiry(BigInt(await time.latest()), DAY, DAY);
  const amount = 100_000n * WAD;
  await (await m.options.connect(m.users.alice).write(true, STRIKE, expiry, amount, PREMIUM)).wait(); // id 1: call
  await (await m.options.connect(m.users.bob).write(false, STRIKE, expiry, amount, PREMIUM)).wait(); // id 2: put
  return { m, expiry, amount };
}

describe("OptionsMarket: collateralised European CU options", () => {
  it("locks 1 sSTB per CU for a call and strike × amount of USDC for a put", async () => {
    const m = await loadFixture(marketSystem);
    const expiry = alignedExpiry(BigInt(await time.latest()), DAY, DAY);
    const amount = 1_000n * WAD + 1n;
    const sstbBefore = await m.sstb.balanceOf(m.users.alice.address);
    await expect(m.options.connect(m.users.alice).write(true, STRIKE, expiry, amount, PREMIUM))
      .to.emit(m.options, "OptionWritten")
      .withArgs(1n, m.users.alice.address, true, STRIKE, expiry, amount, PREMIUM, amount);
    expect(sstbBefore - (await m.sstb.balanceOf(m.users.alice.address))).to.equal(amount);
    const putCollateral = ceilDiv(amount * STRIKE, D);
    await expect(m.options.connect(m.users.bob).write(false, STRIKE, expiry, amount, PREMIUM))
      .to.emit(m.options, "OptionWritten")
      .withArgs(2n, m.users.bob.address, false, STRIKE, expiry, amount, PREMIUM, putCollateral);
  });

  it("refuses strikes outside the governed band, bad expiries and oversized offers", async () => {
    const m = await loadFixture(marketSystem);
    const now = BigInt(await time.latest()) + 1n;
    const expiry = alignedExpiry(now, DAY, DAY);
    const low = CU_PRICE / 2n;
    const high = (CU_PRICE * 3n) / 2n;
    await expect(m.options.connect(m.users.alice).write(true, high + 1n, expiry, WAD, PREMIUM))
      .to.be.revertedWithCustomError(m.options, "OptionsStrikeOutOfRange")
      .withArgs(high + 1n, low, high);
    await expect(m.options.connect(m.users.alice).write(false, low - 1n, expiry, WAD, PREMIUM))
      .to.be.revertedWithCustomError(m.options, "OptionsStrikeOutOfRange")
      .withArgs(low - 1n, low, high);
    const soon = alignedExpiry(now, 3_600n, 0n); // aligned to the hour only, and too close
    // Pin the block time: the window is relative to it, and a busy machine's wall clock moves it otherwise.
    const at = await pinNextBlockTime();
    await expect(m.options.connect(m.users.alice).write(true, STRIKE, soon, WAD, PREMIUM))
      .to.be.revertedWithCustomError(m.options, "OptionsInvalidExpiry")
      .withArgs(soon, DAY, at + 3_600n, at + 90n * DAY);
    const tooMuch = 1_000_000n * WAD + 1n;
    await expect(m.options.connect(m.users.alice).write(true, STRIKE, expiry, tooMuch, PREMIUM))
      .to.be.revertedWithCustomError(m.options, "OptionsAmountTooLarge")
      .withArgs(tooMuch, 1_000_000n * WAD);
  });

  it("sells to buyers at the writer's premium plus the governed fee", async () => {
    const { m } = await loadFixture(written);
    const amount = 40_000n * WAD;
    const premium = ceilDiv(amount * PREMIUM, WAD); // 80 USDC
    const fee = (premium * 50n) / 10_000n;
    const writerBefore = await m.usdc.balanceOf(m.users.alice.address);
    await expect(m.options.connect(m.users.carol).buy(1n, amount))
      .to.emit(m.options, "OptionBought")
      .withArgs(1n, m.users.carol.address, amount, premium, fee);
    expect((await m.usdc.balanceOf(m.users.alice.address)) - writerBefore).to.equal(premium);
    expect(await m.options.holding(1n, m.users.carol.address)).to.equal(amount);
    expect(await m.options.feesAccrued()).to.equal(fee);
    await expect(m.options.connect(m.users.carol).buy(1n, 60_001n * WAD))
      .to.be.revertedWithCustomError(m.options, "OptionsInsufficientAvailable")
      .withArgs(1n, 60_001n * WAD, 60_000n * WAD);
    await expect(m.options.connect(m.users.carol).buy(99n, WAD))
      .to.be.revertedWithCustomError(m.options, "OptionsUnknownOffer")
      .withArgs(99n);
  });

  it("pays in-the-money calls in sSTB and puts in USDC after expiry; writers reclaim the rest", async () => {
    const { m, expiry, amount } = await loadFixture(written);
    const held = 30_000n * WAD;
    await (await m.options.connect(m.users.carol).buy(1n, held)).wait();
    await (await m.options.connect(m.users.carol).buy(2n, held)).wait();
    const early = await pinNextBlockTime();
    await expect(m.options.connect(m.users.carol).exercise(1n))
      .to.be.revertedWithCustomError(m.options, "OptionsNotExpired")
      .withArgs(1n, expiry, early);

    await time.increaseTo(expiry);
    await expect(m.options.connect(m.users.keeper).buy(1n, WAD))
      .to.be.revertedWithCustomError(m.options, "OptionsExpired")
      .withArgs(1n, expiry, expiry + 1n);
    const s = 75n * 10n ** 15n; // $0.075: the call is in the money, the put out of it
    await setCuPrice(m, s);
    await expect(m.options.connect(m.users.carol).exercise(1n))
      .to.be.revertedWithCustomError(m.options, "MarketSettlementPriceNotFixed")
      .withArgs(expiry);
    await expect(m.options.connect(m.users.keeper).reclaim(1n))
      .to.be.revertedWithCustomError(m.options, "MarketSettlementPriceNotFixed")
      .withArgs(expiry);
    await fixSettlement(m, m.options, expiry);
    const callPayout = (held * (s - STRIKE)) / s;
    await expect(m.options.connect(m.users.carol).exercise(1n))
      .to.emit(m.options, "OptionExercised")
      .withArgs(1n, m.users.carol.address, held, s, callPayout);
    await expect(m.options.connect(m.users.carol).exercise(2n))
      .to.emit(m.options, "OptionExercised")
      .withArgs(2n, m.users.carol.address, held, s, 0n);
    await expect(m.options.connect(m.users.carol).exercise(1n))
      .to.be.revertedWithCustomError(m.options, "OptionsNothingToExercise")
      .withArgs(1n, m.users.carol.address);

    const callOwed = ceilDiv(held * (s - STRIKE), s);
    await expect(m.options.connect(m.users.keeper).reclaim(1n))
      .to.emit(m.options, "CollateralReclaimed")
      .withArgs(1n, m.users.alice.address, amount - callOwed);
    await expect(m.options.connect(m.users.keeper).reclaim(2n))
      .to.emit(m.options, "CollateralReclaimed")
      .withArgs(2n, m.users.bob.address, ceilDiv(amount * STRIKE, D));
    await expect(m.options.connect(m.users.keeper).reclaim(1n))
      .to.be.revertedWithCustomError(m.options, "OptionsAlreadyReclaimed")
      .withArgs(1n);
    // Everything owed has left: the market keeps only the fees and at most rounding dust.
    const optionsAddress = m.deployment.contracts.OptionsMarket;
    expect(await m.usdc.balanceOf(optionsAddress)).to.equal(await m.options.feesAccrued());
    expect(await m.sstb.balanceOf(optionsAddress)).to.equal(callOwed - callPayout);
    expect(callOwed - callPayout).to.be.lessThanOrEqual(1n);
  });

  it("pays puts when the price falls below the strike", async () => {
    const { m, expiry } = await loadFixture(written);
    const held = 10_000n * WAD;
    await (await m.options.connect(m.users.carol).buy(2n, held)).wait();
    await time.increaseTo(expiry);
    const s = 45n * 10n ** 15n;
    await setCuPrice(m, s);
    await fixSettlement(m, m.options, expiry);
    const before = await m.usdc.balanceOf(m.users.carol.address);
    await expect(m.options.connect(m.users.carol).exercise(2n))
      .to.emit(m.options, "OptionExercised")
      .withArgs(2n, m.users.carol.address, held, s, (held * (STRIKE - s)) / D);
    expect((await m.usdc.balanceOf(m.users.carol.address)) - before).to.equal(150n * USDC);
  });

  it("an expiry the feed cannot settle is settled by governance after options.settlementFallbackDelay", async () => {
    const { m, expiry } = await loadFixture(written);
    const held = 10_000n * WAD;
    await (await m.options.connect(m.users.carol).buy(2n, held)).wait();
    await time.increaseTo(expiry);
    await setFeedAnswer(m.feedKeeper, m.cuFeed, 0n); // the first answer after expiry fails the checks
    await expect(m.options.connect(m.users.keeper).fixSettlementPrice(expiry, await latestCuRound(m)))
      .to.be.revertedWithCustomError(m.options, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleNonPositivePrice"));
    await expect(m.options.connect(m.users.carol).exercise(2n))
      .to.be.revertedWithCustomError(m.options, "MarketSettlementPriceNotFixed")
      .withArgs(expiry);
    const delay = await m.core.parameters.get(parameterKey("options.settlementFallbackDelay"));
    await time.increaseTo(expiry + delay);
    const s = 45n * 10n ** 15n;
    const receipt = await settleByGovernance(m, m.options, expiry, s);
    await expect(receipt).to.emit(m.options, "SettlementPriceSetByGovernance").withArgs(expiry, s);
    await expect(m.options.connect(m.users.carol).exercise(2n))
      .to.emit(m.options, "OptionExercised")
      .withArgs(2n, m.users.carol.address, held, s, (held * (STRIKE - s)) / D);
  });

  it("lets only the writer withdraw the unsold part before expiry", async () => {
    const { m, amount } = await loadFixture(written);
    await (await m.options.connect(m.users.carol).buy(2n, 25_000n * WAD)).wait();
    await expect(m.options.connect(m.users.carol).cancelUnsold(2n))
      .to.be.revertedWithCustomError(m.options, "OptionsNotWriter")
      .withArgs(2n, m.users.carol.address, m.users.bob.address);
    const unsold = amount - 25_000n * WAD;
    const back = ceilDiv(amount * STRIKE, D) - ceilDiv(25_000n * WAD * STRIKE, D);
    await expect(m.options.connect(m.users.bob).cancelUnsold(2n))
      .to.emit(m.options, "OfferCancelled")
      .withArgs(2n, unsold, back);
    expect((await m.options.offer(2n)).amountCu).to.equal(25_000n * WAD);
  });

  it("halts writing and settlement with a named error when the oracle fails", async () => {
    const { m, expiry } = await loadFixture(written);
    await (await m.options.connect(m.users.carol).buy(1n, WAD)).wait();
    await time.increase(CU_HEARTBEAT + 1); // the CU/USD answer goes stale
    const later = alignedExpiry(BigInt(await time.latest()), DAY, DAY);
    await expect(m.options.connect(m.users.alice).write(true, STRIKE, later, WAD, PREMIUM))
      .to.be.revertedWithCustomError(m.options, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleStalePrice"));
    await (await m.options.connect(m.users.bob).buy(1n, WAD)).wait(); // buying needs no price
    if (BigInt(await time.latest()) < expiry) await time.increaseTo(expiry);
    // No answer since expiry: the settlement price cannot be fixed from the latest (earlier) round.
    await expect(m.options.connect(m.users.keeper).fixSettlementPrice(expiry, await latestCuRound(m)))
      .to.be.revertedWithCustomError(m.options, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleRoundBeforeTime"));
    await expect(m.options.connect(m.users.keeper).fixSettlementPrice(expiry, (await latestCuRound(m)) + 1n))
      .to.be.revertedWithCustomError(m.options, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleRoundUnavailable"));
    await expect(m.options.connect(m.users.carol).exercise(1n))
      .to.be.revertedWithCustomError(m.options, "MarketSettlementPriceNotFixed")
      .withArgs(expiry);
  });
});
