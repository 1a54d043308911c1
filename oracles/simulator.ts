import { encodeBytes32String, ZeroAddress, type Provider, type Signer } from "ethers";
import { PriceOracle__factory } from "../typechain-types/factories/contracts/oracles/PriceOracle__factory.js";
import { ASSETS } from "./feeds.js";
import { MockV3Aggregator__factory } from "../typechain-types/factories/@chainlink/contracts/src/v0.8/tests/MockV3Aggregator__factory.js";
import { InputError } from "../governance/errors.js";

/**
 * Local feed simulator: moves the MockV3Aggregator feeds of a local deployment. Every function here sends
 * transactions to mock feeds only; on a real network the feeds are Chainlink's and these calls would fail.
 */

/** A small seeded PRNG (mulberry32): the same seed gives the same walk, so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Options of a random walk step. */
export interface WalkOptions {
  /** Largest relative move per step, in basis points (e.g. 200 = ±2%). */
  maxStepBps: number;
  /** The answer never leaves [floor, ceiling] (feed units), so the walk stays inside the oracle's bounds. */
  floor?: bigint;
  ceiling?: bigint;
}

/** The next answer of a walk: `answer` moved by a uniform random step within ±maxStepBps, clamped. */
export function nextAnswer(answer: bigint, rng: () => number, options: WalkOptions): bigint {
  if (options.maxStepBps < 0 || options.maxStepBps > 10_000) throw new InputError("maxStepBps must be in [0, 10000]");
  const stepBps = BigInt(Math.round((rng() * 2 - 1) * options.maxStepBps));
  let next = (answer * (10_000n + stepBps)) / 10_000n;
  if (next < 1n) next = 1n;
  if (options.floor !== undefined && next < options.floor) next = options.floor;
  if (options.ceiling !== undefined && next > options.ceiling) next = options.ceiling;
  return next;
}

/** Set a mock feed's answer (feed units); the round gets the current block time. */
export async function setFeedAnswer(signer: Signer, feed: string, answer: bigint): Promise<void> {
  await (await MockV3Aggregator__factory.connect(feed, signer).updateAnswer(answer)).wait();
}

/** The latest answer of a feed (feed units). */
export async function feedAnswer(signer: Signer, feed: string): Promise<bigint> {
  return (await MockV3Aggregator__factory.connect(feed, signer).latestRoundData()).answer;
}

/** Re-post each feed's current answer so it is fresh again (after time travel, for instance). */
export async function refreshFeeds(signer: Signer, feeds: readonly string[]): Promise<void> {
  for (const feed of feeds) await setFeedAnswer(signer, feed, await feedAnswer(signer, feed));
}

/** One random-walk step on every feed; returns the new answers in order. */
export async function stepFeeds(
  signer: Signer,
  feeds: readonly string[],
  rng: () => number,
  options: WalkOptions,
): Promise<bigint[]> {
  const answers: bigint[] = [];
  for (const feed of feeds) {
    const next = nextAnswer(await feedAnswer(signer, feed), rng, options);
    await setFeedAnswer(signer, feed, next);
    answers.push(next);
  }
  return answers;
}

/**
 * Set a mock sequencer uptime feed: `up` or down, with the status changed at `since` (unix seconds). Chainlink's
 * convention: answer 0 = up, 1 = down, startedAt = when the status last changed.
 */
export async function setSequencerStatus(signer: Signer, feed: string, up: boolean, since: number): Promise<void> {
  const mock = MockV3Aggregator__factory.connect(feed, signer);
  const round = (await mock.latestRound()) + 1n;
  await (await mock.updateRoundData(round, up ? 0 : 1, since, since)).wait();
}

/** Every feed a PriceOracle reads (each asset's primary and fallback), e.g. to refresh the local mocks. */
export async function oracleFeeds(oracleAddress: string, provider: Provider): Promise<string[]> {
  const oracle = PriceOracle__factory.connect(oracleAddress, provider);
  const feeds: string[] = [];
  for (const asset of Object.values(ASSETS)) {
    const config = await oracle.assetConfig(encodeBytes32String(asset));
    for (const feed of [config.feed, config.fallbackFeed]) if (feed !== ZeroAddress) feeds.push(feed);
  }
  return feeds;
}
