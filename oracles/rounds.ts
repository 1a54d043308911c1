import { Contract, type ContractRunner } from "ethers";
import { Stab3lError } from "../governance/errors.js";

/** The part of Chainlink's AggregatorV3Interface the round search needs. */
const AGGREGATOR_ABI = [
  "function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)",
  "function getRoundData(uint80 roundId) view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)",
];

/** Chainlink round ids are (phase << 64) | aggregator round. */
const PHASE_SHIFT = 64n;
const AGGREGATOR_ROUND_MASK = (1n << PHASE_SHIFT) - 1n;

/** A feed round. */
export interface Round {
  roundId: bigint;
  answer: bigint;
  updatedAt: bigint;
}

/** The part of Chainlink's AggregatorProxy that names phases (absent on a bare aggregator). */
const PROXY_ABI = [
  "function phaseId() view returns (uint16)",
  "function phaseAggregators(uint16 phaseId) view returns (address)",
];

/** The proxy's current phase, or undefined for a feed without phases (a bare aggregator or a mock). */
async function currentPhase(feed: string, runner: ContractRunner): Promise<bigint | undefined> {
  try {
    return BigInt(await new Contract(feed, PROXY_ABI, runner).phaseId());
  } catch {
    return undefined;
  }
}

/**
 * The feed's first round published at or after `timestamp` (unix seconds): what the markets'
 * `fixSettlementPrice(expiry, roundId)` needs, and what PriceOracle.firstPriceAtOrAfter checks on chain.
 * On a Chainlink proxy the round is taken from the latest phase that had answered before `timestamp` (the oracle's
 * rule, which makes the round unique when an old aggregator keeps answering after the proxy moved on); a feed
 * without phases has one sequence of rounds. Binary search over aggregator round ids, whose times only grow.
 * Throws when that phase has no round at or after `timestamp` yet, and when no phase had answered before it (the
 * round would be the first of its phase, which the oracle refuses: PriceOracleRoundUnprovable; governance settles).
 */
export async function firstRoundAtOrAfter(feed: string, timestamp: bigint, runner: ContractRunner): Promise<Round> {
  const aggregator = new Contract(feed, AGGREGATOR_ABI, runner);
  const read = async (roundId: bigint): Promise<Round | undefined> => {
    try {
      const r = await aggregator.getRoundData(roundId);
      if (BigInt(r.updatedAt) === 0n) return undefined;
      return { roundId, answer: BigInt(r.answer), updatedAt: BigInt(r.updatedAt) };
    } catch {
      return undefined;
    }
  };
  const latest = await aggregator.latestRoundData();
  const current = await currentPhase(feed, runner);
  let phase: bigint;
  let lastRound: bigint;
  if (current === undefined) {
    const latestId = BigInt(latest.roundId);
    phase = latestId >> PHASE_SHIFT;
    lastRound = latestId & AGGREGATOR_ROUND_MASK;
    if (BigInt(latest.updatedAt) < timestamp) {
      throw new Stab3lError(
        `feed ${feed} has no answer at or after ${timestamp} yet (latest round ${latestId} at ${latest.updatedAt})`,
      );
    }
    if (phase !== 0n) {
      throw new Stab3lError(
        `feed ${feed} has no phaseId() but its round ${latestId} carries Chainlink phase ${phase}: the oracle cannot ` +
          `prove such a round first (PriceOracleRoundUnprovable), so this expiry is settled by governance after ` +
          `the markets' settlementFallbackDelay`,
      );
    }
  } else {
    let found: bigint | undefined;
    for (let q = current; q >= 1n && found === undefined; q--) {
      const first = await read((q << PHASE_SHIFT) | 1n);
      if (first && first.updatedAt < timestamp) found = q;
    }
    if (found === undefined) {
      throw new Stab3lError(
        `no Chainlink phase of feed ${feed} answered before ${timestamp}: its first round at or after it is the ` +
          `first of its Chainlink phase: the oracle cannot prove it first, so this expiry is settled by governance ` +
          `after the markets' settlementFallbackDelay`,
      );
    }
    phase = found;
    const phaseLatest =
      phase === current
        ? latest
        : await new Contract(
            await new Contract(feed, PROXY_ABI, runner).phaseAggregators(phase),
            AGGREGATOR_ABI,
            runner,
          ).latestRoundData();
    lastRound = BigInt(phaseLatest.roundId) & AGGREGATOR_ROUND_MASK;
    if (BigInt(phaseLatest.updatedAt) < timestamp) {
      throw new Stab3lError(
        `phase ${phase} of feed ${feed}, the latest that answered before ${timestamp}, has no answer at or after ` +
          `it yet (latest round ${lastRound} at ${phaseLatest.updatedAt})`,
      );
    }
  }
  const at = async (aggregatorRound: bigint): Promise<Round> => {
    const roundId = (phase << PHASE_SHIFT) | aggregatorRound;
    const round = await read(roundId);
    if (!round) throw new Stab3lError(`feed ${feed} has no round ${roundId}`);
    return round;
  };
  // Smallest aggregator round in [1, last] with updatedAt >= timestamp.
  let low = 1n;
  let high = lastRound;
  while (low < high) {
    const mid = (low + high) / 2n;
    if ((await at(mid)).updatedAt >= timestamp) high = mid;
    else low = mid + 1n;
  }
  const round = await at(low);
  if (low === 1n) {
    throw new Stab3lError(
      `the first round of feed ${feed} at or after ${timestamp} is round ${round.roundId}, the first of its Chainlink ` +
        `phase: the oracle cannot prove it first, so this expiry is settled by governance after the markets' ` +
        `settlementFallbackDelay`,
    );
  }
  return round;
}
