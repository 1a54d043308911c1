import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { guardianPause } from "../oracles/fixtures.js";
import { USDC, WAD, alignedExpiry, freshPrices, marketSystem, setCuPrice } from "./fixture.js";

const DAY = 86_400n;

/** The market with an insurance fund and a long of 100,000 CU (1,000 USDC margin) expiring in 30 days. */
async function withLong() {
  const m = await loadFixture(marketSystem);
  await (await m.futures.connect(m.users.keeper).fundInsurance(100_000n * USDC)).wait();
  const expiry = alignedExpiry(BigInt(await time.latest()), DAY, 30n * DAY);
  await (await m.futures.connect(m.users.alice).openPosition(expiry, true, 100_000n * WAD, 1_000n * USDC)).wait();
  return { m, expiry };
}

describe("FuturesMarket: a pause of addMargin holds liquidations", () => {
  it("while owners cannot add margin, their positions cannot be liquidated; at the pause's end they can", async () => {
    const { m } = await loadFixture(withLong);
    const target = m.deployment.contracts.FuturesMarket;
    const addMargin = m.futures.interface.getFunction("addMargin").selector;
    // The attack: guardians pause top-ups only; the price crashes; keepers liquidate owners who cannot defend.
    await guardianPause(m, target, [addMargin], "margin incident");
    const until = await m.core.authority.pausedUntil(target, addMargin);
    await setCuPrice(m, 52n * 10n ** 15n); // below maintenance (see futures.test.ts)
    await expect(m.futures.connect(m.users.alice).addMargin(1n, 500n * USDC))
      .to.be.revertedWithCustomError(m.futures, "Stab3lPaused")
      .withArgs(target, addMargin, until);
    await expect(m.futures.connect(m.users.keeper).liquidate(1n))
      .to.be.revertedWithCustomError(m.futures, "FuturesMarginTopUpsPaused")
      .withArgs(1n, until);

    await time.increaseTo(until - 60n);
    await freshPrices(m);
    await time.setNextBlockTimestamp(until);
    await expect(m.futures.connect(m.users.keeper).liquidate(1n)).to.emit(m.futures, "PositionLiquidated");
  });

  it("a pause of other functions (openPosition) leaves liquidation open", async () => {
    const { m } = await loadFixture(withLong);
    const target = m.deployment.contracts.FuturesMarket;
    await guardianPause(m, target, [m.futures.interface.getFunction("openPosition").selector], "open incident");
    await setCuPrice(m, 52n * 10n ** 15n);
    await expect(m.futures.connect(m.users.keeper).liquidate(1n)).to.emit(m.futures, "PositionLiquidated");
  });
});
