import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { parameterKey } from "../../governance/catalog/index.js";
import { setFeedAnswer } from "../../oracles/simulator.js";
import { CU_USD, COLLATERAL_USD, governed, guardianPause } from "../oracles/fixtures.js";
import { DAY, USDC, WAD, deposit, freshPrices, mintFor, onboardProvider, protocolSystem } from "../core/fixtures.js";
import { pinNextBlockTime } from "../helpers/time.js";

/**
 * A provider backing 1,000 CU ($60 at $0.06) with 100 mUSDC of collateral (167%); a liquidator holding 1,000 sSTB
 * from another provider.
 */
async function backed() {
  const sys = await protocolSystem();
  const [provider, other, liquidator] = sys.spare;
  await onboardProvider(sys, provider, 100n * USDC);
  await mintFor(sys, provider, 1_000n * WAD);
  await onboardProvider(sys, other, 1_000n * USDC);
  await mintFor(sys, other, 1_000n * WAD, 7 * DAY);
  await time.increase(8 * DAY); // the lock end is rounded up to a day boundary
  await freshPrices(sys);
  await (await sys.p.staking.connect(other).unstake(0)).wait();
  await (await sys.p.sstb.connect(other).transfer(liquidator.address, 1_000n * WAD)).wait();
  await (
    await sys.p.sstb.connect(liquidator).approve(await sys.p.collateral.getAddress(), hre.ethers.MaxUint256)
  ).wait();
  return { ...sys, provider, liquidator };
}

const cuFeed = (sys: Awaited<ReturnType<typeof backed>>) => sys.feeds.assets["CU/USD"].feed;
const collFeed = (sys: Awaited<ReturnType<typeof backed>>) => sys.feeds.assets["COLLATERAL/USD"].feed;

describe("CollateralManager: collateral ≥ 120% of the CU value it backs", () => {
  it("values collateral and requirement with the oracle: 100 mUSDC ($100) against 1,000 CU × $0.06 × 120% = $72", async () => {
    const sys = await loadFixture(backed);
    const { p, provider } = sys;
    expect(await p.collateral.collateralValueUsd(provider.address)).to.equal(100n * WAD);
    expect(await p.collateral.requiredCollateralUsd(provider.address)).to.equal(72n * WAD);
    expect(await p.collateral.isLiquidatable(provider.address)).to.equal(false);
  });

  it("top-up adds collateral; withdraw takes back only the excess, naming the numbers when it would not hold", async () => {
    const sys = await loadFixture(backed);
    const { p, provider } = sys;
    const topUp = await deposit(sys, provider, 10n * USDC);
    await expect(topUp)
      .to.emit(p.collateral, "CollateralDeposited")
      .withArgs(provider.address, 10n * USDC, 110n * USDC);
    await expect(p.collateral.connect(provider).withdraw(38n * USDC))
      .to.emit(p.collateral, "CollateralWithdrawn")
      .withArgs(provider.address, 38n * USDC, 72n * USDC);
    expect(await sys.token.balanceOf(provider.address)).to.equal(38n * USDC);
    await expect(p.collateral.connect(provider).withdraw(1n))
      .to.be.revertedWithCustomError(p.collateral, "CollateralBelowMinRatio")
      .withArgs(provider.address, 72n * WAD - 10n ** 12n, 72n * WAD);
    await expect(p.collateral.connect(provider).withdraw(73n * USDC))
      .to.be.revertedWithCustomError(p.collateral, "CollateralInsufficient")
      .withArgs(provider.address, 72n * USDC, 73n * USDC);
    await expect(p.collateral.connect(provider).withdraw(0)).to.be.revertedWithCustomError(
      p.collateral,
      "CollateralZeroAmount",
    );
  });

  it("valuation stops with the oracle's named error when a price cannot be trusted; unbacked collateral needs no price", async () => {
    const sys = await loadFixture(backed);
    const { p, provider } = sys;
    const postedAt = (await sys.oracle.priceWithTime(CU_USD))[1];
    await time.increase(2 * DAY); // both feeds stale; the CU price is read first
    const heartbeat = await sys.core.parameters.get(parameterKey("oracle.cu.heartbeat"));
    const at = await pinNextBlockTime();
    await expect(p.collateral.connect(provider).withdraw(USDC))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleStalePrice")
      .withArgs(CU_USD, cuFeed(sys), postedAt, heartbeat, at);
    await setFeedAnswer(sys.feedKeeper, collFeed(sys), -1n);
    await setFeedAnswer(sys.feedKeeper, cuFeed(sys), 6_000_000n);
    await expect(p.collateral.connect(provider).withdraw(USDC))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleNonPositivePrice")
      .withArgs(COLLATERAL_USD, collFeed(sys), -1n);
    await expect(p.collateral.isLiquidatable(provider.address))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleNonPositivePrice")
      .withArgs(COLLATERAL_USD, collFeed(sys), -1n);
    // A provider without backing withdraws freely, whatever the feeds say.
    const idle = sys.spare[5];
    await deposit(sys, idle, 50n * USDC);
    await expect(p.collateral.connect(idle).withdraw(50n * USDC)).to.changeTokenBalance(sys.token, idle, 50n * USDC);
  });

  it("a CU price rise makes the provider liquidatable; the liquidator repays sSTB (burned) and takes value + 5%", async () => {
    const sys = await loadFixture(backed);
    const { p, provider, liquidator } = sys;
    await setFeedAnswer(sys.feedKeeper, cuFeed(sys), 10_000_000n); // $0.10: $100 against $120 required
    expect(await p.collateral.isLiquidatable(provider.address)).to.equal(true);
    const repay = 400n * WAD;
    const seized = (400n * 10n ** 17n * 10_500n * USDC) / (10_000n * WAD); // $40 × 1.05 at $1 → 42 mUSDC
    expect(seized).to.equal(42n * USDC);
    const supply = await p.sstb.totalSupply();
    const tx = p.collateral.connect(liquidator).liquidate(provider.address, repay);
    await expect(tx).to.emit(p.collateral, "Liquidated").withArgs(provider.address, liquidator.address, repay, seized);
    await expect(tx)
      .to.emit(p.sstb, "SSTBBurned")
      .withArgs(await p.collateral.getAddress(), liquidator.address, repay);
    await expect(tx).to.changeTokenBalance(sys.token, liquidator, seized);
    const account = await p.collateral.accountOf(provider.address);
    expect([account.collateral, account.backing]).to.deep.equal([58n * USDC, 600n * WAD]);
    expect(await p.sstb.totalSupply()).to.equal(supply - repay);
    expect(await p.sstb.burnedBy(await p.collateral.getAddress())).to.equal(repay);
  });

  it("a collateral price fall does the same; a provider above the ratio is not liquidatable (numbers in the error)", async () => {
    const sys = await loadFixture(backed);
    const { p, provider, liquidator } = sys;
    await expect(p.collateral.connect(liquidator).liquidate(provider.address, WAD))
      .to.be.revertedWithCustomError(p.collateral, "CollateralNotLiquidatable")
      .withArgs(provider.address, 100n * WAD, 72n * WAD);
    await setFeedAnswer(sys.feedKeeper, collFeed(sys), 70_000_000n); // $0.70: $70 < $72
    expect(await p.collateral.isLiquidatable(provider.address)).to.equal(true);
    // 100 CU at $0.06 = $6, plus the 5% penalty = $6.30 of collateral at $0.70 = 9 mUSDC.
    await expect(p.collateral.connect(liquidator).liquidate(provider.address, 100n * WAD))
      .to.emit(p.collateral, "Liquidated")
      .withArgs(provider.address, liquidator.address, 100n * WAD, 9n * USDC);
  });

  it("seizes at most the provider's collateral, and only its unreserved backing", async () => {
    const sys = await loadFixture(backed);
    const { p, provider, liquidator } = sys;
    await setFeedAnswer(sys.feedKeeper, cuFeed(sys), 60_000_000n); // $0.60: 1,000 CU worth $600 against $100
    await expect(p.collateral.connect(liquidator).liquidate(provider.address, 1_001n * WAD))
      .to.be.revertedWithCustomError(p.collateral, "CollateralInsufficientBacking")
      .withArgs(provider.address, 1_000n * WAD, 1_001n * WAD);
    await expect(p.collateral.connect(liquidator).liquidate(provider.address, 1_000n * WAD))
      .to.emit(p.collateral, "Liquidated")
      .withArgs(provider.address, liquidator.address, 1_000n * WAD, 100n * USDC);
    const account = await p.collateral.accountOf(provider.address);
    expect([account.collateral, account.backing]).to.deep.equal([0n, 0n]);
    expect(await p.collateral.isLiquidatable(provider.address)).to.equal(false);
  });

  it("backing reserved for a pending redemption cannot be liquidated away", async () => {
    const sys = await loadFixture(backed);
    const { p, provider, liquidator } = sys;
    await (await p.sstb.connect(liquidator).approve(await p.redemption.getAddress(), hre.ethers.MaxUint256)).wait();
    await (await p.redemption.connect(liquidator).redeem(500n * WAD, provider.address)).wait();
    const reserved = (await p.collateral.accountOf(provider.address)).reserved;
    expect(reserved).to.equal(498_500_000_000_000_000_000n);
    await setFeedAnswer(sys.feedKeeper, cuFeed(sys), 10_000_000n);
    await expect(p.collateral.connect(liquidator).liquidate(provider.address, 502n * WAD))
      .to.be.revertedWithCustomError(p.collateral, "CollateralInsufficientBacking")
      .withArgs(provider.address, 1_000n * WAD - reserved, 502n * WAD);
  });

  it("a pause of top-ups holds liquidations: an underwater provider that cannot deposit cannot be liquidated", async () => {
    const sys = await loadFixture(backed);
    const { p, provider, liquidator } = sys;
    const target = sys.deployment.contracts.CollateralManager;
    const depositSel = p.collateral.interface.getFunction("deposit").selector;
    // The attack: guardians pause deposits only, the CU price rises, liquidators take the provider's collateral
    // while it cannot top up.
    await guardianPause(sys, target, [depositSel], "deposit incident");
    const until = await sys.core.authority.pausedUntil(target, depositSel);
    await setFeedAnswer(sys.feedKeeper, cuFeed(sys), 10_000_000n); // $0.10: $100 against $120 required
    expect(await p.collateral.isLiquidatable(provider.address)).to.equal(true);
    await expect(deposit(sys, provider, 30n * USDC))
      .to.be.revertedWithCustomError(p.collateral, "Stab3lPaused")
      .withArgs(target, depositSel, until);
    await expect(p.collateral.connect(liquidator).liquidate(provider.address, 400n * WAD))
      .to.be.revertedWithCustomError(p.collateral, "CollateralTopUpsPaused")
      .withArgs(provider.address, until);

    // Governance lifts the pause: top-ups and liquidations reopen together; the provider defends itself first.
    const { receipt } = await governed(
      sys,
      [
        {
          target: sys.deployment.contracts.STAB3LAuthority,
          value: 0n,
          data: sys.core.authority.interface.encodeFunctionData("unpause", [target, [depositSel]]),
        },
      ],
      "Deposits are safe again",
      sys.feedKeeper,
    );
    const liftedAt = BigInt((await receipt.getBlock()).timestamp);
    expect(await sys.core.authority.pauseEnd(target, depositSel)).to.equal(liftedAt);
    await expect(deposit(sys, provider, 30n * USDC))
      .to.emit(p.collateral, "CollateralDeposited")
      .withArgs(provider.address, 30n * USDC, 130n * USDC);
    await expect(p.collateral.connect(liquidator).liquidate(provider.address, 400n * WAD))
      .to.be.revertedWithCustomError(p.collateral, "CollateralNotLiquidatable")
      .withArgs(provider.address, 130n * WAD, 120n * WAD);
  });

  it("a pause of top-ups that expires reopens liquidation at its end", async () => {
    const sys = await loadFixture(backed);
    const { p, provider, liquidator } = sys;
    const target = sys.deployment.contracts.CollateralManager;
    const depositSel = p.collateral.interface.getFunction("deposit").selector;
    await guardianPause(sys, target, [depositSel], "deposit incident");
    const until = await sys.core.authority.pausedUntil(target, depositSel);
    await time.increaseTo(until - 100n);
    await setFeedAnswer(sys.feedKeeper, cuFeed(sys), 10_000_000n); // $0.10: liquidatable
    await freshPrices(sys);
    await time.setNextBlockTimestamp(until - 1n);
    await expect(p.collateral.connect(liquidator).liquidate(provider.address, 400n * WAD))
      .to.be.revertedWithCustomError(p.collateral, "CollateralTopUpsPaused")
      .withArgs(provider.address, until);
    await time.setNextBlockTimestamp(until);
    await expect(p.collateral.connect(liquidator).liquidate(provider.address, 400n * WAD))
      .to.emit(p.collateral, "Liquidated")
      .withArgs(provider.address, liquidator.address, 400n * WAD, 42n * USDC);
  });

  it("reads both prices under one sequencer check (PriceOracle.prices)", async () => {
    const sys = await loadFixture(backed);
    const [cu, coll] = await sys.oracle.prices(CU_USD, COLLATERAL_USD);
    expect([cu, coll]).to.deep.equal([6n * 10n ** 16n, WAD]);
  });
});
