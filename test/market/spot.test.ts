import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { parameterKey } from "../../governance/catalog/index.js";
import { executeWithOwners } from "../../governance/safe/transactions.js";
import { Lifecycle } from "../helpers/lifecycle.js";
import {
  CU_HEARTBEAT,
  CU_PRICE,
  CU_USD,
  USDC,
  WAD,
  marketSystem,
  oracleError,
  poolPrice,
  seedPool,
  setCuPrice,
  swapOut,
} from "./fixture.js";

async function seeded() {
  const m = await loadFixture(marketSystem);
  const pool = await seedPool(m);
  return { m, pool };
}

describe("SpotMarket: oracle-banded sSTB/USDC pool", () => {
  it("first deposit sets the price inside the band, mints sqrt(x·y) − MINIMUM_SHARES and locks the minimum", async () => {
    const m = await loadFixture(marketSystem);
    const sstb = 1_000_000n * WAD;
    const quote = 60_000n * USDC;
    // sqrt(1e24 × 6e10 × 1e12) = sqrt(6e46)
    const root = sqrt(sstb * quote * 10n ** 12n);
    await expect(m.spot.connect(m.users.lp).addLiquidity(sstb, quote, 0n))
      .to.emit(m.spot, "LiquidityAdded")
      .withArgs(m.users.lp.address, sstb, quote, root - 1_000n);
    expect(await m.spot.totalShares()).to.equal(root);
    expect(await m.spot.spotPrice()).to.equal(CU_PRICE);
  });

  it("refuses a first deposit priced outside the oracle band", async () => {
    const m = await loadFixture(marketSystem);
    // $0.07 per sSTB against an oracle at $0.06 with a ±5% band: [0.057, 0.063].
    await expect(m.spot.connect(m.users.lp).addLiquidity(1_000n * WAD, 70n * USDC, 0n))
      .to.be.revertedWithCustomError(m.spot, "SpotPriceOutsideBand")
      .withArgs(7n * 10n ** 16n, (CU_PRICE * 9_500n) / 10_000n, (CU_PRICE * 10_500n) / 10_000n);
  });

  it("sells sSTB at the constant-product price less the governed fee, and records the trade", async () => {
    const { m, pool } = await loadFixture(seeded);
    const amountIn = 10_000n * WAD;
    const { out, fee } = swapOut(amountIn, pool.sstb, pool.quote, 30n);
    const priceAfter = poolPrice(pool.sstb + amountIn, pool.quote - out);
    const before = await m.usdc.balanceOf(m.users.alice.address);
    await expect(m.spot.connect(m.users.alice).swap(true, amountIn, out))
      .to.emit(m.spot, "Swapped")
      .withArgs(m.users.alice.address, true, amountIn, out, fee, priceAfter);
    expect((await m.usdc.balanceOf(m.users.alice.address)) - before).to.equal(out);
    expect(await m.spot.reserves()).to.deep.equal([pool.sstb + amountIn, pool.quote - out]);
  });

  it("buys sSTB with USDC", async () => {
    const { m, pool } = await loadFixture(seeded);
    const amountIn = 600n * USDC;
    const { out } = swapOut(amountIn, pool.quote, pool.sstb, 30n);
    const before = await m.sstb.balanceOf(m.users.bob.address);
    await m.spot.connect(m.users.bob).swap(false, amountIn, 0n);
    expect((await m.sstb.balanceOf(m.users.bob.address)) - before).to.equal(out);
  });

  it("refuses a swap whose resulting price leaves the band, with the price and the band", async () => {
    const { m, pool } = await loadFixture(seeded);
    const amountIn = 60_000n * WAD; // pushes the price ~11% down
    const { out } = swapOut(amountIn, pool.sstb, pool.quote, 30n);
    const priceAfter = poolPrice(pool.sstb + amountIn, pool.quote - out);
    await expect(m.spot.connect(m.users.alice).swap(true, amountIn, 0n))
      .to.be.revertedWithCustomError(m.spot, "SpotPriceOutsideBand")
      .withArgs(priceAfter, (CU_PRICE * 9_500n) / 10_000n, (CU_PRICE * 10_500n) / 10_000n);
  });

  it("refuses trades above the governed size limit and below the caller's minimum output", async () => {
    const { m, pool } = await loadFixture(seeded);
    const tooBig = 1_000_001n * WAD;
    await expect(m.spot.connect(m.users.alice).swap(true, tooBig, 0n))
      .to.be.revertedWithCustomError(m.spot, "SpotTradeTooLarge")
      .withArgs(tooBig, 1_000_000n * WAD);
    const { out } = swapOut(1_000n * WAD, pool.sstb, pool.quote, 30n);
    await expect(m.spot.connect(m.users.alice).swap(true, 1_000n * WAD, out + 1n))
      .to.be.revertedWithCustomError(m.spot, "SpotSlippage")
      .withArgs(out, out + 1n);
  });

  it("halts trading with a named error when the oracle fails; liquidity can still leave", async () => {
    const { m } = await loadFixture(seeded);
    await time.increase(CU_HEARTBEAT + 1); // the CU/USD answer goes stale
    await expect(m.spot.connect(m.users.alice).swap(true, WAD, 0n))
      .to.be.revertedWithCustomError(m.spot, "MarketOracleFailed")
      .withArgs(CU_USD, oracleError(m, "PriceOracleStalePrice"));
    const shares = await m.spot.sharesOf(m.users.lp.address);
    await expect(m.spot.connect(m.users.lp).removeLiquidity(shares, 0n, 0n)).to.emit(m.spot, "LiquidityRemoved");
    expect(await m.spot.sharesOf(m.users.lp.address)).to.equal(0n);
  });

  it("after the oracle moves, swaps towards the band go through; swaps away or across it are refused", async () => {
    const { m, pool } = await loadFixture(seeded);
    const cu = (CU_PRICE * 120n) / 100n; // $0.072: band [0.0684, 0.0756], pool at 0.06
    await setCuPrice(m, cu);
    const [lower, upper] = [(cu * 9_500n) / 10_000n, (cu * 10_500n) / 10_000n];
    // Selling sSTB moves the pool further below the band.
    const sell = 1_000n * WAD;
    const { out: sellOut } = swapOut(sell, pool.sstb, pool.quote, 30n);
    await expect(m.spot.connect(m.users.alice).swap(true, sell, 0n))
      .to.be.revertedWithCustomError(m.spot, "SpotPriceOutsideBand")
      .withArgs(poolPrice(pool.sstb + sell, pool.quote - sellOut), lower, upper);
    // Buying 10,000 USDC of sSTB would carry the pool from below the band to above it.
    const across = 10_000n * USDC;
    const { out: acrossOut } = swapOut(across, pool.quote, pool.sstb, 30n);
    const acrossAfter = poolPrice(pool.sstb - acrossOut, pool.quote + across);
    expect(acrossAfter).to.be.greaterThan(upper);
    await expect(m.spot.connect(m.users.bob).swap(false, across, 0n))
      .to.be.revertedWithCustomError(m.spot, "SpotPriceOutsideBand")
      .withArgs(acrossAfter, lower, upper);
    // A small buy ends still below the band, but closer: it goes through.
    const small = 60n * USDC;
    const { out: smallOut } = swapOut(small, pool.quote, pool.sstb, 30n);
    const smallAfter = poolPrice(pool.sstb - smallOut, pool.quote + small);
    expect(smallAfter).to.be.lessThan(lower);
    await expect(m.spot.connect(m.users.bob).swap(false, small, 0n))
      .to.emit(m.spot, "Swapped")
      .withArgs(m.users.bob.address, false, small, smallOut, (small * 30n) / 10_000n, smallAfter);
    // Buying 5,000 USDC more lifts the pool price to ~$0.0705, inside the band.
    await expect(m.spot.connect(m.users.bob).swap(false, 5_000n * USDC, 0n)).to.emit(m.spot, "Swapped");
    expect(await m.spot.spotPrice()).to.be.greaterThanOrEqual(lower);
  });

  it("a CU move larger than the band plus the largest trade does not freeze the pool: arbitrage walks it back", async () => {
    const m = await loadFixture(marketSystem);
    const pool = await seedPool(m, 9_000_000n * WAD); // deep: a maximal trade (1M sSTB) moves it ~27%
    const cu = (CU_PRICE * 140n) / 100n; // $0.084: band [0.0798, 0.0882]
    await setCuPrice(m, cu);
    const lower = (cu * 9_500n) / 10_000n;
    // The largest trade the pool allows (just under 1M sSTB out) still ends below the band. Before, every swap had
    // to end inside the band, so none could, and trading stayed frozen until governance widened the band.
    const amountIn = 67_000n * USDC;
    const first = swapOut(amountIn, pool.quote, pool.sstb, 30n);
    expect(first.out).to.be.lessThanOrEqual(1_000_000n * WAD);
    const afterFirst = poolPrice(pool.sstb - first.out, pool.quote + amountIn);
    expect(afterFirst).to.be.lessThan(lower);
    await expect(m.spot.connect(m.users.bob).swap(false, amountIn, 0n))
      .to.emit(m.spot, "Swapped")
      .withArgs(m.users.bob.address, false, amountIn, first.out, first.fee, afterFirst);
    // A second trade brings the pool inside the band.
    await (await m.spot.connect(m.users.carol).swap(false, 30_000n * USDC, 0n)).wait();
    expect(await m.spot.spotPrice()).to.be.greaterThanOrEqual(lower);
    expect(await m.spot.spotPrice()).to.be.lessThanOrEqual((cu * 10_500n) / 10_000n);
  });

  it("accumulates the price once per block, weighted by how long it lasted (Uniswap v2 style)", async () => {
    const { m, pool } = await loadFixture(seeded);
    const c0 = await m.spot.priceCumulative();
    const t0 = BigInt(await time.latest());
    await time.increase(99);
    // 100 s at the seeded price, then a trade: the trade's price counts only from its block on.
    await (await m.spot.connect(m.users.alice).swap(true, 10_000n * WAD, 0n)).wait();
    const t1 = BigInt(await time.latest());
    const c1 = await m.spot.priceCumulative();
    expect(c1 - c0).to.equal(CU_PRICE * (t1 - t0));
    await time.increase(50);
    const t2 = BigInt(await time.latest());
    const [rs, rq] = await m.spot.reserves();
    expect((await m.spot.priceCumulative()) - c1).to.equal(poolPrice(rs, rq) * (t2 - t1));
    expect(await m.spot.reservesUpdatedAt()).to.equal(t1);
    expect(pool.sstb).to.be.lessThan(rs);
  });

  it("pays liquidity providers their share of reserves, fees included", async () => {
    const { m, pool } = await loadFixture(seeded);
    await m.spot.connect(m.users.alice).swap(true, 20_000n * WAD, 0n);
    const [rs, rq] = await m.spot.reserves();
    const shares = await m.spot.sharesOf(m.users.lp.address);
    const total = await m.spot.totalShares();
    await expect(m.spot.connect(m.users.lp).removeLiquidity(shares, 0n, 0n))
      .to.emit(m.spot, "LiquidityRemoved")
      .withArgs(m.users.lp.address, (shares * rs) / total, (shares * rq) / total, shares);
    expect(rs * rq).to.be.greaterThan(pool.sstb * pool.quote); // the fee grew the invariant
    await expect(m.spot.connect(m.users.lp).removeLiquidity(1n, 0n, 0n))
      .to.be.revertedWithCustomError(m.spot, "SpotInsufficientShares")
      .withArgs(m.users.lp.address, 1n, 0n);
  });

  it("a second deposit takes amounts at the pool ratio and mints pro-rata shares", async () => {
    const { m, pool } = await loadFixture(seeded);
    const total = await m.spot.totalShares();
    const shares = (100_000n * WAD * total) / pool.sstb;
    await expect(m.spot.connect(m.users.carol).addLiquidity(100_000n * WAD, 1_000_000n * USDC, shares))
      .to.emit(m.spot, "LiquidityAdded")
      .withArgs(m.users.carol.address, ceilDiv(shares * pool.sstb, total), ceilDiv(shares * pool.quote, total), shares);
  });

  it("the fee is governed: a passed proposal changes it and the next swap uses it", async () => {
    const { m, pool } = await loadFixture(seeded);
    const lifecycle = new Lifecycle(m);
    await lifecycle.pass({
      actions: [
        {
          target: m.deployment.contracts.ParameterStore,
          value: 0n,
          data: m.core.parameters.interface.encodeFunctionData("setParameter", [parameterKey("spot.feeBps"), 50n]),
        },
      ],
      description: "# Spot fee to 0.5%",
    });
    await setCuPrice(m, CU_PRICE); // the vote took days; refresh the answer time
    const [rs, rq] = await m.spot.reserves();
    expect([rs, rq]).to.deep.equal([pool.sstb, pool.quote]);
    const { out, fee } = swapOut(1_000n * WAD, rs, rq, 50n);
    await expect(m.spot.connect(m.users.alice).swap(true, 1_000n * WAD, 0n))
      .to.emit(m.spot, "Swapped")
      .withArgs(m.users.alice.address, true, 1_000n * WAD, out, fee, poolPrice(rs + 1_000n * WAD, rq - out));
  });

  it("guardians can pause swaps (named error); governance lifts the pause", async () => {
    const { m } = await loadFixture(seeded);
    const selector = m.spot.interface.getFunction("swap").selector;
    const pause = m.core.authority.interface.encodeFunctionData("guardianPause", [
      m.deployment.contracts.SpotMarket,
      [selector],
      "suspicious flow",
    ]);
    const result = await executeWithOwners(
      m.chain,
      m.deployment.safes.guardian,
      [{ to: m.deployment.contracts.STAB3LAuthority, value: 0n, data: pause }],
      m.guardianOwnerKeys.slice(0, 2),
      m.deployment.safeContracts,
    );
    expect(result.success).to.equal(true);
    const until = await m.core.authority.pausedUntil(m.deployment.contracts.SpotMarket, selector);
    await expect(m.spot.connect(m.users.alice).swap(true, WAD, 0n))
      .to.be.revertedWithCustomError(m.spot, "Stab3lPaused")
      .withArgs(m.deployment.contracts.SpotMarket, selector, until);
    // Other functions of the pool keep working.
    await expect(m.spot.connect(m.users.carol).addLiquidity(WAD, USDC, 0n)).to.emit(m.spot, "LiquidityAdded");
    await new Lifecycle(m).pass({
      actions: [
        {
          target: m.deployment.contracts.STAB3LAuthority,
          value: 0n,
          data: m.core.authority.interface.encodeFunctionData("unpause", [
            m.deployment.contracts.SpotMarket,
            [selector],
          ]),
        },
      ],
      description: "# Lift the spot swap pause",
    });
    await setCuPrice(m, CU_PRICE);
    await expect(m.spot.connect(m.users.alice).swap(true, WAD, 0n)).to.emit(m.spot, "Swapped");
    expect(await time.latest()).to.be.lessThan(Number(until)); // lifted by governance, not by expiry
  });
});

function sqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
