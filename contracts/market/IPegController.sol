// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPegBreaker} from "./IPegBreaker.sol";

/// @title IReserveRatioSource
/// @notice Publishes R_actual for the peg model's governance term (e.g. the staking domain's collateral ratio).
interface IReserveRatioSource {
    /// @notice The actual ratio R_actual, wad (1e18 = 1.0).
    function reserveRatioWad() external view returns (uint256);
}

/// @title IPegController
/// @notice The peg model of the whitepaper and the circuit breaker built on it.
/// P_sSTB = P_CU + k·(P_target − P_CU) + m·(P_futures − P_spot) + g·(R_actual − R_target), all USD wad; k, m, g,
/// P_target, R_target from the ParameterStore. P_spot is the pool's time-weighted average price over an averaging
/// window (SpotMarket.priceCumulative, Uniswap v2 style), never the price of the poke's own block, so a trade, a
/// poke and the reverse trade in one block or transaction cannot move it. A window runs from one evaluating poke
/// to the next and lasts at least `peg.twapWindow` (earlier pokes revert PegWindowNotElapsed); the first poke,
/// and a poke after more than twice `peg.twapWindow`, only start a window. The peg deviation is
/// |P_spot − P_sSTB| / P_sSTB in bps. An evaluation with a deviation above `peg.tripDeviationBps` trips the
/// breaker; one at or below `peg.clearDeviationBps` clears it, and so does governance (`clearBreaker`), after
/// which pokes cannot re-trip it for `peg.clearGrace`.
/// While tripped, SpotMarket refuses swaps that move its price away from the peg and FuturesMarket refuses new
/// positions. Guardian pauses are separate (in the authority). See docs/MARKETS.md.
interface IPegController is IPegBreaker {
    /// @notice Everything one evaluation of the model saw and produced (USD wad unless stated).
    struct Observation {
        uint256 cuPriceWad;
        uint256 targetPriceWad;
        uint256 futuresPriceWad;
        uint256 spotPriceWad; // P_spot: the pool's average price over the averaging window
        uint256 ratioActualWad; // zero when no ratio source is set (the governance term is then zero)
        uint256 ratioTargetWad; // zero when no ratio source is set
        int256 arbTermWad;
        int256 derivTermWad;
        int256 govTermWad;
        uint256 pegPriceWad;
        uint256 deviationBps;
    }

    /// @notice A poke evaluated the model.
    event PegObserved(uint256 pegPriceWad, uint256 spotPriceWad, uint256 deviationBps, bool tripped);
    /// @notice The breaker tripped: `deviationBps` was above `tripBps`.
    event BreakerTripped(uint256 deviationBps, uint256 tripBps, uint256 pegPriceWad, uint256 spotPriceWad);
    /// @notice The breaker cleared: by recovery (`byGovernance` false, deviation at or below the clear level) or
    /// by governance, which also starts a grace period ending at `graceUntil`.
    event BreakerCleared(uint256 deviationBps, bool byGovernance, uint256 graceUntil);
    /// @notice A poke started an averaging window at `startedAt`; the next evaluation is possible from
    /// `evaluableFrom` (startedAt + peg.twapWindow).
    event PegWindowStarted(uint256 startedAt, uint256 evaluableFrom);
    /// @notice The R_actual source changed (zero: none, the governance term is zero).
    event RatioSourceSet(address indexed oldSource, address indexed newSource);

    /// @notice The model gives a peg price of `pegPriceWad` ≤ 0: the factors are inconsistent with the prices.
    error PegNonPositivePrice(int256 pegPriceWad);
    /// @notice The averaging window started at `windowStart` is shorter than `peg.twapWindow` until `availableAt`.
    error PegWindowNotElapsed(uint256 windowStart, uint256 availableAt);

    /// @notice Evaluate the model over the averaging window that ends now, publish it, trip or clear the breaker,
    /// and start the next window. With no window yet, or one longer than twice `peg.twapWindow`, only start a
    /// window (PegWindowStarted). Anyone may poke; keepers should every `peg.twapWindow` seconds.
    /// @dev PUBLIC_ROLE via the authority. Reverts PegWindowNotElapsed before the window is `peg.twapWindow` long,
    /// SpotNoLiquidity on an empty pool, MarketOracleFailed when the oracle has no trusted price.
    /// @return deviationBps The peg deviation evaluated (the last published one when only a window started).
    function poke() external returns (uint256 deviationBps);

    /// @notice Clear the breaker now and start a grace period of `peg.clearGrace` seconds.
    /// @dev Restricted: ADMIN (the Timelock). This is not a pause: guardians cannot call it.
    function clearBreaker() external;

    /// @notice Set the R_actual source (zero: R_actual = R_target). @dev Restricted: ADMIN (the Timelock).
    function setRatioSource(IReserveRatioSource source) external;

    /// @notice The model evaluated now over the window in progress (its average so far; the current pool price
    /// when none has started or it started in this block). Informational: a poke evaluates only full windows.
    function observe() external view returns (Observation memory);

    /// @notice The averaging window in progress: its start (unix seconds; zero: none) and the pool's price
    /// integral (SpotMarket.priceCumulative) then.
    function averagingWindow() external view returns (uint256 startedAt, uint256 cumulativeAtStart);

    /// @notice Whether the breaker is tripped.
    function isTripped() external view returns (bool);

    /// @notice Until when (unix seconds) pokes cannot re-trip after governance cleared the breaker.
    function graceUntil() external view returns (uint256);

    /// @notice The last published deviation (bps) and when it was published.
    function lastObservation() external view returns (uint256 deviationBps, uint256 pegPriceWad, uint256 at);

    /// @notice The R_actual source (zero: none).
    function ratioSource() external view returns (IReserveRatioSource);
}
