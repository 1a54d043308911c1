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
/// P_target, R_target from the ParameterStore. The peg deviation is |P_spot − P_sSTB| / P_sSTB in bps. A poke
/// with a deviation above `peg.tripDeviationBps` trips the breaker; a poke at or below `peg.clearDeviationBps`
/// clears it, and so does governance (`clearBreaker`), after which pokes cannot re-trip it for `peg.clearGrace`.
/// While tripped, SpotMarket refuses swaps that move its price away from the peg and FuturesMarket refuses new
/// positions. Guardian pauses are separate (in the authority). See docs/MARKETS.md.
interface IPegController is IPegBreaker {
    /// @notice Everything one evaluation of the model saw and produced (USD wad unless stated).
    struct Observation {
        uint256 cuPriceWad;
        uint256 targetPriceWad;
        uint256 futuresPriceWad;
        uint256 spotPriceWad;
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
    /// @notice The R_actual source changed (zero: none, the governance term is zero).
    event RatioSourceSet(address indexed oldSource, address indexed newSource);

    /// @notice The model gives a peg price of `pegPriceWad` ≤ 0: the factors are inconsistent with the prices.
    error PegNonPositivePrice(int256 pegPriceWad);

    /// @notice Evaluate the model, publish it, and trip or clear the breaker. Anyone may poke (keepers do).
    /// @dev PUBLIC_ROLE via the authority. Reverts MarketOracleFailed when the oracle has no trusted price.
    /// @return deviationBps The peg deviation now.
    function poke() external returns (uint256 deviationBps);

    /// @notice Clear the breaker now and start a grace period of `peg.clearGrace` seconds.
    /// @dev Restricted: ADMIN (the Timelock). This is not a pause: guardians cannot call it.
    function clearBreaker() external;

    /// @notice Set the R_actual source (zero: R_actual = R_target). @dev Restricted: ADMIN (the Timelock).
    function setRatioSource(IReserveRatioSource source) external;

    /// @notice The model evaluated now (view; reverts like poke when a price is unavailable).
    function observe() external view returns (Observation memory);

    /// @notice Whether the breaker is tripped.
    function isTripped() external view returns (bool);

    /// @notice Until when (unix seconds) pokes cannot re-trip after governance cleared the breaker.
    function graceUntil() external view returns (uint256);

    /// @notice The last published deviation (bps) and when it was published.
    function lastObservation() external view returns (uint256 deviationBps, uint256 pegPriceWad, uint256 at);

    /// @notice The R_actual source (zero: none).
    function ratioSource() external view returns (IReserveRatioSource);
}
