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

/**
 * The feed's first round published at or after `timestamp` (unix seconds): what the markets'
 * `fixSettlementPrice(expiry, roundId)` needs, and what PriceOracle.firstPriceAtOrAfter checks on chain.
 * Searches the latest Chainlink phase (binary search over aggregator round ids, whose times only grow). Throws
 * when the feed has no round at or after `timestamp` yet, and when that round is the first of its phase, which
 * the oracle refuses (PriceOracleRoundUnprovable) and governance settles instead.
 */
export async function firstRoundAtOrAfter(feed: string, timestamp: bigint, runner: ContractRunner): Promise<Round> {
  const aggregator = new Contract(feed, AGGREGATOR_ABI, runner);
  const latest = await aggregator.latestRoundData();
  const latestId = BigInt(latest.roundId);
  if (BigInt(latest.updatedAt) < timestamp) {
    throw new Stab3lError(
      `feed ${feed} has no answer at or after ${timestamp} yet (latest round ${latestId} at ${latest.updatedAt})`,
    );
  }
  const phase = latestId >> PHASE_SHIFT;
  const at = async (aggregatorRound: bigint): Promise<Round> => {
    const roundId = (phase << PHASE_SHIFT) | aggregatorRound;
    const r = await aggregator.getRoundData(roundId);
    return { roundId, answer: BigInt(r.answer), updatedAt: BigInt(r.updatedAt) };
  };
  // Smallest aggregator round in [1, latest] with updatedAt >= timestamp.
  let low = 1n;
  let high = latestId & AGGREGATOR_ROUND_MASK;
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
