import { expect } from "chai";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { encodeBytes32String } from "ethers";
import { InputError } from "../../governance/errors.js";
import {
  ASSETS,
  FEED_REGISTRY,
  deployedFeeds,
  encodeAsset,
  encodeTag,
  externalAddressesFor,
} from "../../oracles/feeds.js";
import { feedAnswer, nextAnswer, seededRandom, stepFeeds } from "../../oracles/simulator.js";
import { CU_USD, pricedSystem } from "./fixtures.js";

describe("oracles/: feed registry and local feed simulator", () => {
  it("knows Arbitrum One's sequencer uptime feed, USDC/USD and USDC; the CU/USD feed must be supplied", () => {
    expect(() => externalAddressesFor("arbitrum")).to.throw(InputError, /no CU\/USD feed for arbitrum/);
    const cuUsd = "0x1111111111111111111111111111111111111111";
    const ext = externalAddressesFor("arbitrum", { cuUsd });
    expect(ext).to.deep.equal({
      feeds: {
        cuUsd,
        collateralUsd: "0x50834F3163758fcC1Df9973b6e91f0F0F0434aD3",
        sequencerUptime: "0xFdB631F5EE196F0ed6FAa767959853A9F217697D",
      },
      collateralToken: "0xaf88d065e77c8cC2239327C5EDb3A432268e5831",
    });
    expect(FEED_REGISTRY.arbitrum.chainId).to.equal(42161);
    expect(() => externalAddressesFor("nowhere", { cuUsd })).to.throw(InputError, /COLLATERAL\/USD/);
  });

  it("encodes asset ids and tags as the contracts do", async () => {
    expect(encodeAsset(ASSETS.CU_USD)).to.equal(encodeBytes32String("CU/USD"));
    expect(encodeAsset(ASSETS.COLLATERAL_USD)).to.equal(encodeBytes32String("COLLATERAL/USD"));
    expect(encodeTag("coll")).to.equal("0x636f6c6c00000000");
    expect(() => encodeTag("")).to.throw(InputError);
    expect(() => encodeTag("ninechars")).to.throw(InputError);
  });

  it("random walks are reproducible from the seed and stay within the step and the floor/ceiling", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const seqA = Array.from({ length: 5 }, () => a());
    expect(seqA).to.deep.equal(Array.from({ length: 5 }, () => b()));
    expect(seqA).to.not.deep.equal(Array.from({ length: 5 }, seededRandom(43)));
    const rng = seededRandom(7);
    let answer = 6_000_000n;
    for (let i = 0; i < 500; i++) {
      const next = nextAnswer(answer, rng, { maxStepBps: 300, floor: 5_000_000n, ceiling: 7_000_000n });
      const limit = (answer * 300n) / 10_000n + 1n;
      const delta = next > answer ? next - answer : answer - next;
      expect(delta <= limit || next === 5_000_000n || next === 7_000_000n).to.equal(true);
      expect(next >= 5_000_000n && next <= 7_000_000n).to.equal(true);
      answer = next;
    }
    expect(() => nextAnswer(1n, rng, { maxStepBps: 20_000 })).to.throw(InputError);
  });

  it("reads a deployment's feeds from its PriceOracle and moves the local mocks the oracle then reports", async () => {
    const sys = await loadFixture(pricedSystem);
    const feeds = await deployedFeeds(sys.deployment, hre.ethers.provider);
    expect(feeds.oracle).to.equal(sys.deployment.contracts.PriceOracle);
    expect(feeds.assets["CU/USD"].tag).to.equal("cu");
    expect(feeds.assets["COLLATERAL/USD"]).to.include({ tag: "coll", decimals: 8 });
    expect(feeds.sequencerUptime).to.match(/^0x[0-9a-fA-F]{40}$/);
    const [next] = await stepFeeds(sys.feedKeeper, [feeds.assets["CU/USD"].feed], seededRandom(3), { maxStepBps: 200 });
    expect(await feedAnswer(sys.feedKeeper, feeds.assets["CU/USD"].feed)).to.equal(next);
    expect(await sys.oracle.price(CU_USD)).to.equal(next * 10n ** 10n);
  });
});
