import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { parameterKey } from "../../governance/catalog/index.js";
import { CU_PRICE, USDC, WAD, alignedExpiry, marketSystem, setCuPrice } from "../market/fixture.js";
import { forAllSeeds } from "./prng.js";

const DAY = 86_400n;

async function funded() {
  const m = await loadFixture(marketSystem);
  await (await m.futures.connect(m.users.keeper).fundInsurance(2_000_000n * USDC)).wait();
  return m;
}

/**
 * INV-MARGIN, over random sequences of opens, price moves, margin changes, closes and liquidation sweeps:
 *   (a) a liquidation call succeeds exactly on positions below maintenance margin (and removes them);
 *   (b) after a sweep, no open position is below maintenance margin;
 *   (c) the market holds exactly the margins, the insurance fund and the fees it accounts for.
 */
describe("INV-MARGIN: no open position below maintenance margin survives a liquidation call", () => {
  it("holds over random operation sequences", async function () {
    this.timeout(600_000);
    let liquidatedTotal = 0;
    await forAllSeeds(4, async (rng) => {
      const m = await loadFixture(funded);
      const users = [m.users.alice, m.users.bob, m.users.carol, m.users.lp];
      const open = new Set<bigint>();
      let price = CU_PRICE;
      let liquidations = 0;
      const expiry = alignedExpiry(BigInt(await time.latest()), DAY, 30n * DAY);

      const sweep = async () => {
        for (const id of [...open]) {
          const [equity, maintenance] = await m.futures.health(id);
          if (equity < maintenance) {
            await expect(m.futures.connect(m.users.keeper).liquidate(id)).to.emit(m.futures, "PositionLiquidated");
            expect((await m.futures.position(id)).owner).to.equal("0x0000000000000000000000000000000000000000");
            open.delete(id);
            liquidations++;
          } else {
            await expect(m.futures.connect(m.users.keeper).liquidate(id))
              .to.be.revertedWithCustomError(m.futures, "FuturesNotLiquidatable")
              .withArgs(id, equity, maintenance);
          }
        }
        for (const id of open) {
          const [equity, maintenance] = await m.futures.health(id);
          expect(equity >= BigInt(maintenance), `position ${id} survived below maintenance`).to.equal(true);
        }
      };

      const solvent = async () => {
        const [margin, insurance, fees] = await m.futures.accounts();
        expect(await m.usdc.balanceOf(await m.futures.getAddress())).to.equal(margin + insurance + fees);
        let sum = 0n;
        for (const id of open) sum += (await m.futures.position(id)).marginQuote;
        expect(sum).to.equal(margin);
      };

      for (let step = 0; step < 30; step++) {
        const op = rng.int(0, 9);
        if (op <= 2) {
          const size = rng.big(WAD, 200_000n * WAD);
          const notional = (size * price) / WAD / 10n ** 12n;
          // Margin between 9% and 40% of notional: some opens fail the 10% initial margin, by design.
          const margin = (notional * BigInt(rng.int(900, 4_000))) / 10_000n + 1n;
          const id = await m.futures.nextPositionId();
          try {
            await (await m.futures.connect(rng.pick(users)).openPosition(expiry, rng.chance(0.5), size, margin)).wait();
            open.add(id);
          } catch (err) {
            expect(String(err)).to.match(/FuturesInsufficientMargin|FuturesOpenInterestCap/);
          }
        } else if (op <= 4) {
          price = (price * BigInt(rng.int(88, 112))) / 100n;
          await setCuPrice(m, price);
        } else if (op === 5 && open.size) {
          const id = rng.pick([...open]);
          await (await m.futures.connect(m.users.keeper).addMargin(id, BigInt(rng.int(1, 500)) * USDC)).wait();
        } else if (op === 6 && open.size) {
          const id = rng.pick([...open]);
          const p = await m.futures.position(id);
          const owner = users.find((u) => u.address === p.owner)!;
          try {
            await (
              await m.futures.connect(owner).removeMargin(id, (p.marginQuote * BigInt(rng.int(1, 60))) / 100n + 1n)
            ).wait();
          } catch (err) {
            expect(String(err)).to.include("FuturesInsufficientMargin");
          }
        } else if (op === 7 && open.size) {
          const id = rng.pick([...open]);
          const p = await m.futures.position(id);
          const owner = users.find((u) => u.address === p.owner)!;
          await (await m.futures.connect(owner).closePosition(id)).wait();
          open.delete(id);
        } else {
          await sweep();
        }
        await solvent();
      }
      // Close every run with a minimally margined long and a drop, so each run liquidates at least once.
      const id = await m.futures.nextPositionId();
      const size = 10_000n * WAD;
      const notional = (size * price) / WAD / 10n ** 12n;
      // The margin must also cover the premium a long pays when longs are the crowded side (futures.skewScaleCu).
      const [longOi, shortOi] = await m.futures.openInterest();
      const skewScale = await m.core.parameters.get(parameterKey("futures.skewScaleCu"));
      const averageSkew = longOi - shortOi + size / 2n;
      const premium = averageSkew > 0n ? (notional * averageSkew) / skewScale + 1n : 0n;
      await (
        await m.futures.connect(m.users.alice).openPosition(expiry, true, size, (notional * 1_050n) / 10_000n + premium)
      ).wait();
      open.add(id);
      // 15% under its entry (which the skew premium may have put below the index): under maintenance for sure.
      price = ((await m.futures.position(id)).entryPriceWad * 85n) / 100n;
      await setCuPrice(m, price);
      await sweep();
      await solvent();
      expect(open.has(id)).to.equal(false);
      liquidatedTotal += liquidations;
    });
    expect(liquidatedTotal).to.be.greaterThan(0);
  });
});
