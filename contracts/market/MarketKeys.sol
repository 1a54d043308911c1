// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title MarketKeys
/// @notice ParameterStore keys read by the market domain. The catalog (governance/catalog/markets.ts) describes
/// each one with its unit, bounds, step limit and cooldown; a test checks every key here is registered.
library MarketKeys {
    // ------------------------------------------------------------------ spot
    /// @notice Swap fee taken from the input and left in the pool for liquidity providers (bps).
    bytes32 internal constant SPOT_FEE_BPS = "spot.feeBps";
    /// @notice Largest sSTB amount one swap may buy or sell (token wei).
    bytes32 internal constant SPOT_MAX_TRADE = "spot.maxTradeSstb";
    /// @notice Half-width of the oracle band the pool price must end every swap inside, or closer to than before
    /// (bps of the CU price).
    bytes32 internal constant SPOT_BAND_BPS = "spot.bandBps";

    // ------------------------------------------------------------------ futures
    /// @notice Margin needed to open or to withdraw down to (bps of notional at the index price).
    bytes32 internal constant FUT_INITIAL_MARGIN_BPS = "futures.initialMarginBps";
    /// @notice Margin below which a position can be liquidated (bps of notional at the index price).
    bytes32 internal constant FUT_MAINT_MARGIN_BPS = "futures.maintMarginBps";
    /// @notice Fee on opening and closing (bps of notional at the fill price).
    bytes32 internal constant FUT_FEE_BPS = "futures.feeBps";
    /// @notice Liquidator reward (bps of notional at the index price, at most the position's margin).
    bytes32 internal constant FUT_LIQ_REWARD_BPS = "futures.liqRewardBps";
    /// @notice Net skew (CU wad) at which the futures premium over the index would reach 100% (it is bounded at
    /// 50%, and open interest per side at half this).
    bytes32 internal constant FUT_SKEW_SCALE = "futures.skewScaleCu";
    /// @notice Cap on open interest per side (CU wad).
    bytes32 internal constant FUT_MAX_OI = "futures.maxOpenInterestCu";
    /// @notice Expiries are multiples of this interval (seconds).
    bytes32 internal constant FUT_EXPIRY_INTERVAL = "futures.expiryInterval";
    /// @notice Furthest expiry that may be opened, from now (seconds).
    bytes32 internal constant FUT_MAX_HORIZON = "futures.maxHorizon";
    /// @notice Time after an expiry from which governance may set a settlement price the feed could not give.
    bytes32 internal constant FUT_SETTLEMENT_FALLBACK_DELAY = "futures.settlementFallbackDelay";

    // ------------------------------------------------------------------ options
    /// @notice Fee on the premium, paid by the buyer on top of it (bps).
    bytes32 internal constant OPT_FEE_BPS = "options.feeBps";
    /// @notice Strikes must lie within this distance of the CU price when written (bps).
    bytes32 internal constant OPT_STRIKE_BAND_BPS = "options.strikeBandBps";
    /// @notice Expiries are multiples of this interval (seconds).
    bytes32 internal constant OPT_EXPIRY_INTERVAL = "options.expiryInterval";
    /// @notice Time after an expiry from which governance may set a settlement price the feed could not give.
    bytes32 internal constant OPT_SETTLEMENT_FALLBACK_DELAY = "options.settlementFallbackDelay";
    /// @notice Nearest expiry that may be written, from now (seconds).
    bytes32 internal constant OPT_MIN_EXPIRY = "options.minExpiry";
    /// @notice Furthest expiry that may be written, from now (seconds).
    bytes32 internal constant OPT_MAX_EXPIRY = "options.maxExpiry";
    /// @notice Largest amount one offer may write (CU wad).
    bytes32 internal constant OPT_MAX_OFFER = "options.maxOfferCu";

    // ------------------------------------------------------------------ peg
    /// @notice Arbitrage factor k (wad, 0..1).
    bytes32 internal constant PEG_K = "peg.k";
    /// @notice Derivatives factor m (wad, 0..1).
    bytes32 internal constant PEG_M = "peg.m";
    /// @notice Governance-response factor g (USD wad per unit of ratio, 0..1).
    bytes32 internal constant PEG_G = "peg.g";
    /// @notice Target CU price P_target (USD wad).
    bytes32 internal constant PEG_TARGET_PRICE = "peg.targetPrice";
    /// @notice Target ratio R_target (wad).
    bytes32 internal constant PEG_RATIO_TARGET = "peg.ratioTarget";
    /// @notice Deviation of the spot price from the peg price that trips the breaker (bps).
    bytes32 internal constant PEG_TRIP_BPS = "peg.tripDeviationBps";
    /// @notice Deviation at or below which a tripped breaker clears on the next poke (bps).
    bytes32 internal constant PEG_CLEAR_BPS = "peg.clearDeviationBps";
    /// @notice After governance clears the breaker, pokes cannot re-trip it for this long (seconds).
    bytes32 internal constant PEG_CLEAR_GRACE = "peg.clearGrace";
    /// @notice Shortest window over which a poke averages the pool price (seconds); a window over twice as long
    /// is not evaluated but restarted.
    bytes32 internal constant PEG_TWAP_WINDOW = "peg.twapWindow";
}
