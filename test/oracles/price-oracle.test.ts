import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { PARAMETERS, parameterKey, registrationOf } from "../../governance/catalog/index.js";
import { encodeTag } from "../../oracles/feeds.js";
import { firstRoundAtOrAfter } from "../../oracles/rounds.js";
import { refreshFeeds, setFeedAnswer, setSequencerStatus } from "../../oracles/simulator.js";
import { MockV3Aggregator__factory } from "../../typechain-types/factories/@chainlink/contracts/src/v0.8/tests/MockV3Aggregator__factory.js";
import {
  COLLATERAL_USD,
  CU_USD,
  allFeeds,
  governed,
  guardianPause,
  pricedSystem,
  type PricedSystem,
} from "./fixtures.js";

const WAD = 10n ** 18n;
const ZERO = hre.ethers.ZeroAddress;

/** Both assets, with how their local feeds start (8 decimals) and their parameter tag. */
const CASES = [
  { name: "CU/USD", asset: CU_USD, tag: "cu", answer: 6_000_000n, wad: 6n * 10n ** 16n },
  { name: "COLLATERAL/USD", asset: COLLATERAL_USD, tag: "coll", answer: 100_000_000n, wad: WAD },
] as const;

async function param(sys: PricedSystem, key: string): Promise<bigint> {
  return sys.core.parameters.get(parameterKey(key));
}

function primaryFeed(sys: PricedSystem, asset: string): string {
  return asset === CU_USD ? sys.feeds.assets["CU/USD"].feed : sys.feeds.assets["COLLATERAL/USD"].feed;
}

/**
 * The sequencer comes back up now: `asset` is refused with PriceOracleSequencerGracePeriod(feed, upSince,
 * graceEndsAt) until the grace period ends; returns graceEndsAt.
 */
async function sequencerBackUp(sys: PricedSystem, asset: string): Promise<bigint> {
  const seq = sys.feeds.sequencerUptime!;
  const upSince = (await time.latest()) + 1;
  await setSequencerStatus(sys.feedKeeper, seq, true, upSince);
  const graceEndsAt = BigInt(upSince) + (await param(sys, "oracle.sequencerGrace"));
  await expect(sys.oracle.price(asset))
    .to.be.revertedWithCustomError(sys.oracle, "PriceOracleSequencerGracePeriod")
    .withArgs(seq, upSince, graceEndsAt);
  return graceEndsAt;
}

/**
 * The system after a real proposal gave both assets a fallback feed with other decimals than the primary:
 * CU/USD falls back to an 18-decimal feed at $0.061, COLLATERAL/USD to a 6-decimal feed at $0.999.
 */
async function withFallbacks() {
  const sys = await pricedSystem();
  const deployer = sys.spare[6];
  const cuFallback = await (await new MockV3Aggregator__factory(deployer).deploy(18, 61n * 10n ** 15n)).getAddress();
  const collFallback = await (await new MockV3Aggregator__factory(deployer).deploy(6, 999_000n)).getAddress();
  const oracle = sys.deployment.contracts.PriceOracle;
  const setAsset = (asset: string, feed: string, fallback: string, tag: string) => ({
    target: oracle,
    value: 0n,
    data: sys.oracle.interface.encodeFunctionData("setAsset", [asset, feed, fallback, encodeTag(tag)]),
  });
  const { receipt } = await governed(
    sys,
    [
      setAsset(CU_USD, primaryFeed(sys, CU_USD), cuFallback, "cu"),
      setAsset(COLLATERAL_USD, primaryFeed(sys, COLLATERAL_USD), collFallback, "coll"),
    ],
    "# Add fallback feeds for CU/USD and COLLATERAL/USD",
  );
  const fallbacks: Record<string, string> = { [CU_USD]: cuFallback, [COLLATERAL_USD]: collFallback };
  await refreshFeeds(sys.feedKeeper, [...allFeeds(sys), cuFallback, collFallback]);
  return {
    ...sys,
    fallbacks,
    receipt,
    fallbackWad: { [CU_USD]: 61n * 10n ** 15n, [COLLATERAL_USD]: 999n * 10n ** 15n },
  };
}

describe("PriceOracle: Chainlink feeds with safety checks", () => {
  describe("healthy feeds", () => {
    for (const c of CASES) {
      it(`${c.name}: returns the answer normalised from 8 to 18 decimals with its time`, async () => {
        const sys = await loadFixture(pricedSystem);
        const feed = MockV3Aggregator__factory.connect(primaryFeed(sys, c.asset), hre.ethers.provider);
        const round = await feed.latestRoundData();
        expect(round.answer).to.equal(c.answer);
        expect(await sys.oracle.price(c.asset)).to.equal(c.wad);
        const [usd, at] = await sys.oracle.priceWithTime(c.asset);
        expect([usd, at]).to.deep.equal([c.wad, round.updatedAt]);
      });
    }

    it("is deployed with the local sequencer uptime feed, up for longer than the grace period", async () => {
      const sys = await loadFixture(pricedSystem);
      expect(await sys.oracle.sequencerUptimeFeed()).to.equal(sys.feeds.sequencerUptime);
      const seq = MockV3Aggregator__factory.connect(sys.feeds.sequencerUptime!, hre.ethers.provider);
      const round = await seq.latestRoundData();
      expect(round.answer).to.equal(0n);
      expect(BigInt(await time.latest()) - round.startedAt).to.be.greaterThan(
        await param(sys, "oracle.sequencerGrace"),
      );
    });

    it("answers unknown assets with PriceOracleUnknownAsset", async () => {
      const sys = await loadFixture(pricedSystem);
      const asset = hre.ethers.encodeBytes32String("SSTB/USD");
      await expect(sys.oracle.price(asset))
        .to.be.revertedWithCustomError(sys.oracle, "PriceOracleUnknownAsset")
        .withArgs(asset);
    });
  });

  describe("without a fallback feed, each failure is a named error with its numbers", () => {
    for (const c of CASES) {
      describe(c.name, () => {
        it("stale answer → PriceOracleStalePrice(asset, feed, updatedAt, maxAge, now)", async () => {
          const sys = await loadFixture(pricedSystem);
          const feed = primaryFeed(sys, c.asset);
          const maxAge = await param(sys, `oracle.${c.tag}.heartbeat`);
          const updatedAt = (await MockV3Aggregator__factory.connect(feed, hre.ethers.provider).latestRoundData())
            .updatedAt;
          await time.increaseTo(updatedAt + maxAge); // exactly maxAge old: still fresh
          expect(await sys.oracle.price(c.asset)).to.equal(c.wad);
          await time.increaseTo(updatedAt + maxAge + 1n);
          await hre.network.provider.send("evm_mine");
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleStalePrice")
            .withArgs(c.asset, feed, updatedAt, maxAge, (now: bigint) => now > updatedAt + maxAge);
        });

        for (const answer of [0n, -1n, -5_000_000n]) {
          it(`answer ${answer} → PriceOracleNonPositivePrice(asset, feed, answer)`, async () => {
            const sys = await loadFixture(pricedSystem);
            const feed = primaryFeed(sys, c.asset);
            await setFeedAnswer(sys.feedKeeper, feed, answer);
            await expect(sys.oracle.price(c.asset))
              .to.be.revertedWithCustomError(sys.oracle, "PriceOracleNonPositivePrice")
              .withArgs(c.asset, feed, answer);
          });
        }

        it("answer below minPrice or above maxPrice → PriceOracleOutOfBounds(asset, feed, usdWad, min, max)", async () => {
          const sys = await loadFixture(pricedSystem);
          const feed = primaryFeed(sys, c.asset);
          const min = await param(sys, `oracle.${c.tag}.minPrice`);
          const max = await param(sys, `oracle.${c.tag}.maxPrice`);
          // Exactly on the bounds is accepted (8-decimal feed: wad / 1e10).
          await setFeedAnswer(sys.feedKeeper, feed, min / 10n ** 10n);
          expect(await sys.oracle.price(c.asset)).to.equal(min);
          await setFeedAnswer(sys.feedKeeper, feed, max / 10n ** 10n);
          expect(await sys.oracle.price(c.asset)).to.equal(max);
          const low = min / 10n ** 10n - 1n;
          await setFeedAnswer(sys.feedKeeper, feed, low);
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleOutOfBounds")
            .withArgs(c.asset, feed, low * 10n ** 10n, min, max);
          const high = max / 10n ** 10n + 1n;
          await setFeedAnswer(sys.feedKeeper, feed, high);
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleOutOfBounds")
            .withArgs(c.asset, feed, high * 10n ** 10n, min, max);
        });

        it("an answer too large to scale → PriceOracleOutOfBounds at the saturated value, not an overflow", async () => {
          const sys = await loadFixture(pricedSystem);
          const feed = primaryFeed(sys, c.asset);
          await setFeedAnswer(sys.feedKeeper, feed, hre.ethers.MaxInt256);
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleOutOfBounds")
            .withArgs(
              c.asset,
              feed,
              hre.ethers.MaxUint256,
              await param(sys, `oracle.${c.tag}.minPrice`),
              await param(sys, `oracle.${c.tag}.maxPrice`),
            );
        });

        it("answer dated in the future → PriceOracleFutureTimestamp(asset, feed, updatedAt, now)", async () => {
          const sys = await loadFixture(pricedSystem);
          const feed = MockV3Aggregator__factory.connect(primaryFeed(sys, c.asset), sys.feedKeeper);
          const future = BigInt(await time.latest()) + 3_600n;
          await (await feed.updateRoundData(99, c.answer, future, future)).wait();
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleFutureTimestamp")
            .withArgs(c.asset, await feed.getAddress(), future, (now: bigint) => now < future);
        });

        it("sequencer down → PriceOracleSequencerDown; back up → PriceOracleSequencerGracePeriod until grace ends", async () => {
          const sys = await loadFixture(pricedSystem);
          const seq = sys.feeds.sequencerUptime!;
          const downSince = (await time.latest()) + 1;
          await setSequencerStatus(sys.feedKeeper, seq, false, downSince);
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleSequencerDown")
            .withArgs(seq, downSince);
          const graceEndsAt = await sequencerBackUp(sys, c.asset);
          await time.increaseTo(graceEndsAt + 1n);
          await refreshFeeds(sys.feedKeeper, allFeeds(sys));
          expect(await sys.oracle.price(c.asset)).to.equal(c.wad);
        });

        it("sequencer feed without a valid round (startedAt 0) counts as down", async () => {
          const sys = await loadFixture(pricedSystem);
          const seq = MockV3Aggregator__factory.connect(sys.feeds.sequencerUptime!, sys.feedKeeper);
          await (await seq.updateRoundData(7, 0, 0, 0)).wait();
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleSequencerDown")
            .withArgs(await seq.getAddress(), 0);
        });

        it("a sequencer feed reporting a start in the future counts as down (named, not an underflow)", async () => {
          const sys = await loadFixture(pricedSystem);
          const seq = MockV3Aggregator__factory.connect(sys.feeds.sequencerUptime!, sys.feedKeeper);
          const future = BigInt(await time.latest()) + 3_600n;
          await (await seq.updateRoundData(8, 0, future, future)).wait();
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleSequencerDown")
            .withArgs(await seq.getAddress(), future);
        });
      });
    }
  });

  describe("with fallback feeds configured by a governance proposal", () => {
    it("the proposal's execution configures both assets, with old and new feeds in the events", async () => {
      const sys = await loadFixture(withFallbacks);
      for (const c of CASES) {
        const feed = primaryFeed(sys, c.asset);
        await expect(sys.receipt)
          .to.emit(sys.oracle, "AssetConfigured")
          .withArgs(c.asset, feed, feed, ZERO, sys.fallbacks[c.asset], encodeTag(c.tag));
        const config = await sys.oracle.assetConfig(c.asset);
        expect(config.fallbackFeed).to.equal(sys.fallbacks[c.asset]);
        expect(config.fallbackDecimals).to.equal(c.asset === CU_USD ? 18n : 6n);
      }
    });

    for (const c of CASES) {
      describe(c.name, () => {
        it("healthy primary: the primary's price, not the fallback's", async () => {
          const sys = await loadFixture(withFallbacks);
          expect(await sys.oracle.price(c.asset)).to.equal(c.wad);
        });

        it("stale, zero, negative or out-of-bounds primary: the fallback's price, normalised, with its time", async () => {
          const sys = await loadFixture(withFallbacks);
          const feed = primaryFeed(sys, c.asset);
          const fallback = MockV3Aggregator__factory.connect(sys.fallbacks[c.asset], hre.ethers.provider);
          const expected = sys.fallbackWad[c.asset];
          for (const bad of [0n, -1n, 10n ** 30n]) {
            await setFeedAnswer(sys.feedKeeper, feed, bad);
            const [usd, at] = await sys.oracle.priceWithTime(c.asset);
            expect(usd).to.equal(expected);
            expect(at).to.equal((await fallback.latestRoundData()).updatedAt);
          }
          // Stale primary (the fallback is refreshed, the primary is not).
          await setFeedAnswer(sys.feedKeeper, feed, c.answer);
          await time.increase((await param(sys, `oracle.${c.tag}.heartbeat`)) + 1n);
          await refreshFeeds(sys.feedKeeper, [sys.fallbacks[c.asset]]);
          expect(await sys.oracle.price(c.asset)).to.equal(expected);
        });

        it("a primary answer too large to scale falls back to the fallback's price", async () => {
          const sys = await loadFixture(withFallbacks);
          await setFeedAnswer(sys.feedKeeper, primaryFeed(sys, c.asset), hre.ethers.MaxInt256);
          expect(await sys.oracle.price(c.asset)).to.equal(sys.fallbackWad[c.asset]);
        });

        it("each way the fallback fails is named next to the primary's failure", async () => {
          const sys = await loadFixture(withFallbacks);
          const feed = primaryFeed(sys, c.asset);
          const fallback = MockV3Aggregator__factory.connect(sys.fallbacks[c.asset], sys.feedKeeper);
          const fallbackAddress = await fallback.getAddress();
          const scale = 10n ** (18n - (await fallback.decimals()));
          const i = sys.oracle.interface;
          const failsWith = async (fallbackError: string) =>
            expect(sys.oracle.price(c.asset))
              .to.be.revertedWithCustomError(sys.oracle, "PriceOracleFeedsFailed")
              .withArgs(
                c.asset,
                i.encodeErrorResult("PriceOracleNonPositivePrice", [c.asset, feed, 0n]),
                fallbackError,
              );
          await setFeedAnswer(sys.feedKeeper, feed, 0n);

          // Out of the asset's bounds (the same bounds as the primary's), after normalising its decimals.
          const min = await param(sys, `oracle.${c.tag}.minPrice`);
          const max = await param(sys, `oracle.${c.tag}.maxPrice`);
          const high = max / scale + 1n;
          await setFeedAnswer(sys.feedKeeper, fallbackAddress, high);
          await failsWith(
            i.encodeErrorResult("PriceOracleOutOfBounds", [c.asset, fallbackAddress, high * scale, min, max]),
          );

          // Dated in the future.
          const future = BigInt(await time.latest()) + 3_600n;
          await (await fallback.updateRoundData(77, sys.fallbackWad[c.asset] / scale, future, future)).wait();
          const now = BigInt(await time.latest());
          await failsWith(i.encodeErrorResult("PriceOracleFutureTimestamp", [c.asset, fallbackAddress, future, now]));

          // Older than the fallback's own heartbeat (oracle.<tag>.fbHeartbeat), not the primary's.
          await setFeedAnswer(sys.feedKeeper, fallbackAddress, sys.fallbackWad[c.asset] / scale);
          const postedAt = (await fallback.latestRoundData()).updatedAt;
          const fbHeartbeat = await param(sys, `oracle.${c.tag}.fbHeartbeat`);
          await time.increaseTo(postedAt + fbHeartbeat + 1n);
          await setFeedAnswer(sys.feedKeeper, feed, 0n);
          const staleAt = BigInt(await time.latest());
          await failsWith(
            i.encodeErrorResult("PriceOracleStalePrice", [c.asset, fallbackAddress, postedAt, fbHeartbeat, staleAt]),
          );
        });

        it("sequencer back up: PriceOracleSequencerGracePeriod even though both feeds are healthy", async () => {
          await sequencerBackUp(await loadFixture(withFallbacks), c.asset);
        });

        it("both failing → PriceOracleFeedsFailed(asset, primaryError, fallbackError)", async () => {
          const sys = await loadFixture(withFallbacks);
          const feed = primaryFeed(sys, c.asset);
          const fallback = sys.fallbacks[c.asset];
          await setFeedAnswer(sys.feedKeeper, feed, 0n);
          await setFeedAnswer(sys.feedKeeper, fallback, -3n);
          const i = sys.oracle.interface;
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleFeedsFailed")
            .withArgs(
              c.asset,
              i.encodeErrorResult("PriceOracleNonPositivePrice", [c.asset, feed, 0n]),
              i.encodeErrorResult("PriceOracleNonPositivePrice", [c.asset, fallback, -3n]),
            );
        });

        it("sequencer down: PriceOracleSequencerDown even though the fallback is healthy", async () => {
          const sys = await loadFixture(withFallbacks);
          const since = (await time.latest()) + 1;
          await setSequencerStatus(sys.feedKeeper, sys.feeds.sequencerUptime!, false, since);
          await expect(sys.oracle.price(c.asset))
            .to.be.revertedWithCustomError(sys.oracle, "PriceOracleSequencerDown")
            .withArgs(sys.feeds.sequencerUptime!, since);
        });
      });
    }

    it("a reverting (deprecated) feed: as primary it falls back, alone it is PriceOracleFeedReverted, as fallback it is named", async () => {
      const sys = await loadFixture(withFallbacks);
      const broken = await (await hre.ethers.deployContract("RevertingFeed", sys.spare[6])).getAddress();
      const data = (fallback: string) =>
        sys.oracle.interface.encodeFunctionData("setAsset", [CU_USD, broken, fallback, encodeTag("cu")]);
      await governed(
        sys,
        [{ target: sys.deployment.contracts.PriceOracle, value: 0n, data: data(sys.fallbacks[CU_USD]) }],
        "# CU/USD primary moves to the new aggregator (broken in this test)",
      );
      await refreshFeeds(sys.feedKeeper, [sys.fallbacks[CU_USD]]);
      expect(await sys.oracle.price(CU_USD)).to.equal(sys.fallbackWad[CU_USD]);
      await governed(
        sys,
        [{ target: sys.deployment.contracts.PriceOracle, value: 0n, data: data(ZERO) }],
        "# CU/USD without fallback",
      );
      await expect(sys.oracle.price(CU_USD))
        .to.be.revertedWithCustomError(sys.oracle, "PriceOracleFeedReverted")
        .withArgs(CU_USD, broken);
      // A reverting fallback behind a failing primary: both failures named.
      const primary = primaryFeed(sys, CU_USD);
      await governed(
        sys,
        [
          {
            target: sys.deployment.contracts.PriceOracle,
            value: 0n,
            data: sys.oracle.interface.encodeFunctionData("setAsset", [CU_USD, primary, broken, encodeTag("cu")]),
          },
        ],
        "# CU/USD falls back to the new aggregator (broken in this test)",
      );
      await setFeedAnswer(sys.feedKeeper, primary, -1n);
      const i = sys.oracle.interface;
      await expect(sys.oracle.price(CU_USD))
        .to.be.revertedWithCustomError(sys.oracle, "PriceOracleFeedsFailed")
        .withArgs(
          CU_USD,
          i.encodeErrorResult("PriceOracleNonPositivePrice", [CU_USD, primary, -1n]),
          i.encodeErrorResult("PriceOracleFeedReverted", [CU_USD, broken]),
        );
    });
  });

  describe("last good price", () => {
    it("anyone records the checked price; it keeps the feed's time", async () => {
      const sys = await loadFixture(pricedSystem);
      const [usd, at] = await sys.oracle.priceWithTime(CU_USD);
      expect(await sys.oracle.lastGoodPrice(CU_USD)).to.deep.equal([0n, 0n]);
      await expect(sys.oracle.connect(sys.spare[3]).recordLastGoodPrice(CU_USD))
        .to.emit(sys.oracle, "LastGoodPriceRecorded")
        .withArgs(CU_USD, usd, at);
      expect(await sys.oracle.lastGoodPrice(CU_USD)).to.deep.equal([usd, at]);
    });

    it("an untrusted price is not recorded: the call reverts with the named error and nothing changes", async () => {
      const sys = await loadFixture(pricedSystem);
      await sys.oracle.connect(sys.spare[3]).recordLastGoodPrice(COLLATERAL_USD);
      const before = await sys.oracle.lastGoodPrice(COLLATERAL_USD);
      const feed = primaryFeed(sys, COLLATERAL_USD);
      await setFeedAnswer(sys.feedKeeper, feed, 0n);
      await expect(sys.oracle.connect(sys.spare[3]).recordLastGoodPrice(COLLATERAL_USD))
        .to.be.revertedWithCustomError(sys.oracle, "PriceOracleNonPositivePrice")
        .withArgs(COLLATERAL_USD, feed, 0n);
      expect(await sys.oracle.lastGoodPrice(COLLATERAL_USD)).to.deep.equal(before);
    });

    it("guardians can pause it (Stab3lPaused), reads stay available", async () => {
      const sys = await loadFixture(pricedSystem);
      const selector = sys.oracle.interface.getFunction("recordLastGoodPrice").selector;
      await guardianPause(sys, sys.deployment.contracts.PriceOracle, [selector], "oracle incident drill");
      const until = await sys.core.authority.pausedUntil(sys.deployment.contracts.PriceOracle, selector);
      await expect(sys.oracle.connect(sys.spare[3]).recordLastGoodPrice(CU_USD))
        .to.be.revertedWithCustomError(sys.oracle, "Stab3lPaused")
        .withArgs(sys.deployment.contracts.PriceOracle, selector, until);
      expect(await sys.oracle.price(CU_USD)).to.equal(CASES[0].wad);
    });
  });
});

/** A stand-alone oracle whose authority's admin is a test account, to exercise configuration validation. */
async function standaloneOracle() {
  const [admin] = await hre.ethers.getSigners();
  const authority = await hre.ethers.deployContract("STAB3LAuthority", [admin.address]);
  const store = await hre.ethers.deployContract("ParameterStore", [await authority.getAddress()]);
  await store.registerParameters(PARAMETERS.filter((p) => p.domain === "oracle").map(registrationOf));
  const oracle = await hre.ethers.deployContract("PriceOracle", [
    await authority.getAddress(),
    await store.getAddress(),
    ZERO,
  ]);
  const feed = await hre.ethers.deployContract("MockV3Aggregator", [8, 6_000_000n]);
  return { admin, authority, store, oracle, feed };
}

describe("PriceOracle: settlement prices from the feed's history", () => {
  /** Rounds of the CU/USD feed around a time `t`: one before it, the first at it, one after it. */
  async function roundsAroundT() {
    const sys = await pricedSystem();
    const feed = primaryFeed(sys, CU_USD);
    const aggregator = MockV3Aggregator__factory.connect(feed, sys.feedKeeper);
    const t = BigInt(await time.latest()) + 1_000n;
    await time.increaseTo(t - 50n);
    await setFeedAnswer(sys.feedKeeper, feed, 6_100_000n);
    const before = (await aggregator.latestRoundData()).roundId;
    await time.increaseTo(t);
    await setFeedAnswer(sys.feedKeeper, feed, 6_200_000n);
    await setFeedAnswer(sys.feedKeeper, feed, 6_300_000n);
    const first = before + 1n;
    const after = before + 2n;
    const at = async (id: bigint) => (await aggregator.getRoundData(id)).updatedAt;
    return { sys, feed, aggregator, t, before, first, after, at };
  }

  it("answers the first round at or after a time, and names every other round's problem", async () => {
    const { sys, feed, t, before, first, after, at } = await loadFixture(roundsAroundT);
    const round = await firstRoundAtOrAfter(feed, t, hre.ethers.provider);
    expect([round.roundId, round.answer, round.updatedAt]).to.deep.equal([first, 6_200_000n, await at(first)]);
    expect(await sys.oracle.firstPriceAtOrAfter(CU_USD, t, first)).to.deep.equal([62n * 10n ** 15n, await at(first)]);
    await expect(sys.oracle.firstPriceAtOrAfter(CU_USD, t, before))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleRoundBeforeTime")
      .withArgs(CU_USD, before, await at(before), t);
    await expect(sys.oracle.firstPriceAtOrAfter(CU_USD, t, after))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleRoundNotFirst")
      .withArgs(CU_USD, after, await at(first), t);
    await expect(sys.oracle.firstPriceAtOrAfter(CU_USD, t, after + 1n))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleRoundUnavailable")
      .withArgs(CU_USD, feed, after + 1n);
    await expect(sys.oracle.firstPriceAtOrAfter(hre.ethers.encodeBytes32String("ETH/USD"), t, first))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleUnknownAsset")
      .withArgs(hre.ethers.encodeBytes32String("ETH/USD"));
    // Off chain, asking for a time the feed has not reached yet is an error, not a guess.
    await expect(firstRoundAtOrAfter(feed, (await at(after)) + 1n, hre.ethers.provider)).to.be.rejectedWith(
      /has no answer at or after/,
    );
  });

  it("applies the positivity and bounds checks to a historical round", async () => {
    const { sys, feed, aggregator, at } = await loadFixture(roundsAroundT);
    const max = await param(sys, "oracle.cu.maxPrice");
    let t = BigInt(await time.latest()) + 100n;
    await time.increaseTo(t);
    await setFeedAnswer(sys.feedKeeper, feed, 0n);
    let id = (await aggregator.latestRoundData()).roundId;
    await expect(sys.oracle.firstPriceAtOrAfter(CU_USD, t, id))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleNonPositivePrice")
      .withArgs(CU_USD, feed, 0n);
    t = (await at(id)) + 100n;
    await time.increaseTo(t);
    const tooHigh = max / 10n ** 10n + 1n; // feed units (8 decimals) just above the bound
    await setFeedAnswer(sys.feedKeeper, feed, tooHigh);
    id = (await aggregator.latestRoundData()).roundId;
    await expect(sys.oracle.firstPriceAtOrAfter(CU_USD, t, id))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleOutOfBounds")
      .withArgs(CU_USD, feed, tooHigh * 10n ** 10n, await param(sys, "oracle.cu.minPrice"), max);
  });

  it("refuses the first round of a Chainlink phase: nothing shows no earlier round came after the time", async () => {
    const { sys, feed, aggregator, after, at } = await loadFixture(roundsAroundT);
    // The old phase already answered after `t0`; the new phase's round 1 comes later and must not be usable.
    const t0 = await at(after);
    const t = BigInt(await time.latest()) + 100n;
    await time.increaseTo(t);
    const phaseStart = (1n << 64n) | 1n; // phase 1, aggregator round 1
    await (await aggregator.updateRoundData(phaseStart, 6_400_000n, t, t)).wait();
    await expect(sys.oracle.firstPriceAtOrAfter(CU_USD, t0, phaseStart))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleRoundUnprovable")
      .withArgs(CU_USD, phaseStart);
    // A bare aggregator has no phases: a round id with phase bits proves nothing either, whatever its round.
    const later = (1n << 64n) | 2n;
    await (await aggregator.updateRoundData(later, 6_400_000n, t + 1n, t + 1n)).wait();
    await expect(sys.oracle.firstPriceAtOrAfter(CU_USD, t + 1n, later))
      .to.be.revertedWithCustomError(sys.oracle, "PriceOracleRoundUnprovable")
      .withArgs(CU_USD, later);
    await expect(firstRoundAtOrAfter(feed, t, hre.ethers.provider)).to.be.rejectedWith(
      /carries Chainlink phase 1: the oracle cannot prove such a round first/,
    );
  });
});

/** Phase 1 and 2 round ids of a Chainlink proxy. */
const phaseRound = (phase: bigint, round: bigint) => (phase << 64n) | round;

/**
 * A CU/USD feed behind a (mock) Chainlink proxy whose two phases overlap around an expiry `t`: the phase 1
 * aggregator answers before `t` and keeps answering after the proxy moved to phase 2, so each phase has a round
 * that is the first of its phase at or after `t`. Phase 2 starts before `t` (`newPhaseFirst`) or after it.
 */
async function overlappingPhases(newPhaseFirst: boolean) {
  const { admin, oracle } = await standaloneOracle();
  const oldAggregator = await hre.ethers.deployContract("MockV3Aggregator", [8, 6_000_000n]);
  const proxy = await hre.ethers.deployContract("MockPhasedAggregatorProxy", [await oldAggregator.getAddress()]);
  const feed = await proxy.getAddress();
  await (await oracle.connect(admin).setAsset(CU_USD, feed, ZERO, encodeTag("cu"))).wait();
  const t = BigInt(await time.latest()) + 1_000n;
  await time.increaseTo(t - 100n);
  await (await oldAggregator.updateAnswer(6_100_000n)).wait(); // phase 1, round 2: before t
  const startNewPhase = async () => {
    const aggregator = await hre.ethers.deployContract("MockV3Aggregator", [8, 6_150_000n]); // its round 1
    await (await proxy.addPhase(await aggregator.getAddress())).wait();
    return aggregator;
  };
  let newAggregator = newPhaseFirst ? await startNewPhase() : undefined;
  await time.increaseTo(t);
  await (await oldAggregator.updateAnswer(6_200_000n)).wait(); // phase 1, round 3: the old phase's first at/after t
  newAggregator ??= await startNewPhase();
  await (await newAggregator.updateAnswer(6_300_000n)).wait(); // phase 2, round 2
  const at = async (id: bigint) => (await proxy.getRoundData(id)).updatedAt;
  return { oracle, proxy, feed, t, at };
}
const newPhaseBeforeExpiry = () => overlappingPhases(true);
const newPhaseAfterExpiry = () => overlappingPhases(false);

describe("PriceOracle: one settlement round when Chainlink phases overlap", () => {
  it("settles in the latest phase that answered before the expiry; the old phase's candidate is refused", async () => {
    const { oracle, feed, t, at } = await loadFixture(newPhaseBeforeExpiry);
    const oldCandidate = phaseRound(1n, 3n);
    const newCandidate = phaseRound(2n, 2n);
    // Both are the first of their own phase at or after t: the caller used to choose between 0.062 and 0.063.
    expect(await at(phaseRound(1n, 2n))).to.be.lessThan(t);
    expect(await at(oldCandidate)).to.be.greaterThanOrEqual(t);
    expect(await at(phaseRound(2n, 1n))).to.be.lessThan(t);
    expect(await at(newCandidate)).to.be.greaterThanOrEqual(t);
    expect(await oracle.firstPriceAtOrAfter(CU_USD, t, newCandidate)).to.deep.equal([
      63n * 10n ** 15n,
      await at(newCandidate),
    ]);
    await expect(oracle.firstPriceAtOrAfter(CU_USD, t, oldCandidate))
      .to.be.revertedWithCustomError(oracle, "PriceOracleRoundNotLatestPhase")
      .withArgs(CU_USD, oldCandidate, phaseRound(2n, 1n), await at(phaseRound(2n, 1n)), t);
    // The keeper CLI's search finds the same round.
    const round = await firstRoundAtOrAfter(feed, t, hre.ethers.provider);
    expect([round.roundId, round.answer]).to.deep.equal([newCandidate, 6_300_000n]);
  });

  it("settles in the old phase when the new one started after the expiry; the new phase's rounds are refused", async () => {
    const { oracle, feed, t, at } = await loadFixture(newPhaseAfterExpiry);
    const oldCandidate = phaseRound(1n, 3n);
    expect(await at(phaseRound(2n, 1n))).to.be.greaterThanOrEqual(t);
    expect(await oracle.firstPriceAtOrAfter(CU_USD, t, oldCandidate)).to.deep.equal([
      62n * 10n ** 15n,
      await at(oldCandidate),
    ]);
    await expect(oracle.firstPriceAtOrAfter(CU_USD, t, phaseRound(2n, 1n)))
      .to.be.revertedWithCustomError(oracle, "PriceOracleRoundUnprovable")
      .withArgs(CU_USD, phaseRound(2n, 1n));
    await expect(oracle.firstPriceAtOrAfter(CU_USD, t, phaseRound(2n, 2n)))
      .to.be.revertedWithCustomError(oracle, "PriceOracleRoundNotFirst")
      .withArgs(CU_USD, phaseRound(2n, 2n), await at(phaseRound(2n, 1n)), t);
    const round = await firstRoundAtOrAfter(feed, t, hre.ethers.provider);
    expect([round.roundId, round.answer]).to.deep.equal([oldCandidate, 6_200_000n]);
  });
});

describe("PriceOracle: configuration rules", () => {
  it("derives parameter keys from the tag", async () => {
    const { oracle } = await loadFixture(standaloneOracle);
    const suffix = (s: string) => "0x" + Buffer.from(s).toString("hex").padEnd(32, "0");
    expect(await oracle.parameterKey(encodeTag("cu"), suffix(".heartbeat"))).to.equal(
      parameterKey("oracle.cu.heartbeat"),
    );
    expect(await oracle.parameterKey(encodeTag("coll"), suffix(".fbHeartbeat"))).to.equal(
      parameterKey("oracle.coll.fbHeartbeat"),
    );
  });

  it("rejects empty or malformed tags, tags without registered parameters, feeds without code", async () => {
    const { oracle, feed } = await loadFixture(standaloneOracle);
    const f = await feed.getAddress();
    const asset = CU_USD;
    await expect(oracle.setAsset(asset, f, ZERO, "0x0000000000000000"))
      .to.be.revertedWithCustomError(oracle, "PriceOracleInvalidTag")
      .withArgs("0x0000000000000000");
    await expect(oracle.setAsset(asset, f, ZERO, "0x6300750000000000"))
      .to.be.revertedWithCustomError(oracle, "PriceOracleInvalidTag")
      .withArgs("0x6300750000000000");
    await expect(oracle.setAsset(asset, f, ZERO, encodeTag("eth")))
      .to.be.revertedWithCustomError(oracle, "PriceOracleUnregisteredParameter")
      .withArgs(parameterKey("oracle.eth.heartbeat"));
    const noCode = "0x000000000000000000000000000000000000bEEF";
    await expect(oracle.setAsset(asset, noCode, ZERO, encodeTag("cu")))
      .to.be.revertedWithCustomError(oracle, "PriceOracleInvalidFeed")
      .withArgs(noCode);
    await expect(oracle.setAsset(asset, f, noCode, encodeTag("cu")))
      .to.be.revertedWithCustomError(oracle, "PriceOracleInvalidFeed")
      .withArgs(noCode);
    await expect(oracle.setSequencerUptimeFeed(noCode))
      .to.be.revertedWithCustomError(oracle, "PriceOracleInvalidFeed")
      .withArgs(noCode);
  });

  it("rejects feeds with more than 36 decimals; accepts 0..36 and normalises them", async () => {
    const { oracle } = await loadFixture(standaloneOracle);
    const wide = await hre.ethers.deployContract("MockV3Aggregator", [37, 1n]);
    await expect(oracle.setAsset(CU_USD, await wide.getAddress(), ZERO, encodeTag("cu")))
      .to.be.revertedWithCustomError(oracle, "PriceOracleUnsupportedDecimals")
      .withArgs(await wide.getAddress(), 37);
    for (const [decimals, answer] of [
      [0, 1n], // $1 with no decimals is out of CU bounds ($10 max) only above 10
      [36, 6n * 10n ** 34n],
      [20, 6n * 10n ** 18n],
    ] as const) {
      const feed = await hre.ethers.deployContract("MockV3Aggregator", [decimals, answer]);
      await oracle.setAsset(CU_USD, await feed.getAddress(), ZERO, encodeTag("cu"));
      const expected = decimals <= 18 ? answer * 10n ** BigInt(18 - decimals) : answer / 10n ** BigInt(decimals - 18);
      expect(await oracle.price(CU_USD)).to.equal(expected);
    }
  });

  it("removing an asset (zero feed) makes it unknown, with the change on the event log", async () => {
    const { oracle, feed } = await loadFixture(standaloneOracle);
    const f = await feed.getAddress();
    await expect(oracle.setAsset(CU_USD, f, ZERO, encodeTag("cu")))
      .to.emit(oracle, "AssetConfigured")
      .withArgs(CU_USD, ZERO, f, ZERO, ZERO, encodeTag("cu"));
    await expect(oracle.setAsset(CU_USD, ZERO, ZERO, encodeTag("cu")))
      .to.emit(oracle, "AssetConfigured")
      .withArgs(CU_USD, f, ZERO, ZERO, ZERO, "0x0000000000000000");
    await expect(oracle.price(CU_USD))
      .to.be.revertedWithCustomError(oracle, "PriceOracleUnknownAsset")
      .withArgs(CU_USD);
  });

  it("a reverting sequencer feed stops every price with PriceOracleSequencerFeedReverted", async () => {
    const { oracle } = await loadFixture(standaloneOracle);
    const broken = await (await hre.ethers.deployContract("RevertingFeed")).getAddress();
    await (await oracle.setSequencerUptimeFeed(broken)).wait();
    await expect(oracle.price(CU_USD))
      .to.be.revertedWithCustomError(oracle, "PriceOracleSequencerFeedReverted")
      .withArgs(broken);
  });

  it("sets and clears the sequencer feed with old and new on the event", async () => {
    const { oracle, feed } = await loadFixture(standaloneOracle);
    const f = await feed.getAddress();
    await expect(oracle.setSequencerUptimeFeed(f)).to.emit(oracle, "SequencerUptimeFeedSet").withArgs(ZERO, f);
    await expect(oracle.setSequencerUptimeFeed(ZERO)).to.emit(oracle, "SequencerUptimeFeedSet").withArgs(f, ZERO);
  });
});
