import type { ParameterRelation } from "./types.js";

/**
 * Orderings between parameters that no single parameter's bounds can express. The simulation's "relations"
 * check judges every proposal's end state against them, so a set of changes that are each within bounds but
 * together contradictory is named before anything is proposed.
 */
export const PARAMETER_RELATIONS: readonly ParameterRelation[] = [
  {
    lower: "oracle.cu.minPrice",
    upper: "oracle.cu.maxPrice",
    why: "otherwise every CU/USD answer is out of bounds and valuation, minting and liquidation stop",
  },
  {
    lower: "oracle.coll.minPrice",
    upper: "oracle.coll.maxPrice",
    why: "otherwise every COLLATERAL/USD answer is out of bounds and valuation, minting and liquidation stop",
  },
  {
    lower: "staking.minPeriod",
    upper: "staking.maxPeriod",
    why: "otherwise no stake period is valid, and minting (which stakes) stops",
  },
  {
    lower: "redemption.compensationBps",
    upper: "collateral.minRatioBps",
    why: "a missed delivery is compensated from collateral held at the ratio; INV-COLLATERAL relies on it",
    bounds: true,
  },
  {
    lower: "guardian.maxPauseDuration",
    plus: "redemption.deliveryWindow",
    upper: "redemption.maxDeadlineExtension",
    why:
      "a guardian pause of the delivery path moves a redemption's deadline to a full window after it, at most " +
      "maxDeadlineExtension later; below one pause plus one window, a single guardian pause could cut the " +
      "provider's window short and become its penalty",
  },
  {
    lower: "futures.maintMarginBps",
    upper: "futures.initialMarginBps",
    why: "otherwise a position is liquidatable the moment it opens",
    bounds: true,
  },
  {
    lower: "futures.liqRewardBps",
    upper: "futures.maintMarginBps",
    why: "a liquidation reward above the maintenance margin pays out more than a liquidatable position holds",
  },
  {
    lower: "futures.maxOpenInterestCu",
    lowerFactor: 2n,
    upper: "futures.skewScaleCu",
    why: "the contract caps open interest per side at half the skew scale (premium within ±50%), so a larger maximum is not the cap in force",
  },
  {
    lower: "options.minExpiry",
    upper: "options.maxExpiry",
    why: "otherwise no option can be written",
  },
  {
    lower: "peg.clearDeviationBps",
    upper: "peg.tripDeviationBps",
    why: "the breaker clears below the deviation that trips it; inverted, it would clear while still tripping",
  },
];
