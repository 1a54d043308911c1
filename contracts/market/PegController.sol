// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPegBreaker} from "./IPegBreaker.sol";
import {IPegController, IReserveRatioSource} from "./IPegController.sol";
import {IFuturesMarket} from "./IFuturesMarket.sol";
import {ISpotMarket} from "./ISpotMarket.sol";
import {MarketBase} from "./MarketBase.sol";
import {MarketKeys} from "./MarketKeys.sol";
import {IPriceOracle} from "../oracles/IPriceOracle.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title PegController
/// @notice Evaluates the peg model and runs the circuit breaker. See IPegController and docs/MARKETS.md.
contract PegController is IPegController, MarketBase {
    ISpotMarket private immutable _spot;
    IFuturesMarket private immutable _futures;
    IReserveRatioSource private _ratioSource;

    bool private _tripped;
    uint64 private _graceUntil;
    uint64 private _lastAt;
    uint128 private _lastPegWad;
    // The averaging window in progress: when it started (zero: none yet) and the pool's price integral then.
    uint64 private _windowStart;
    uint128 private _lastDeviationBps;
    uint256 private _windowCumulative;

    /// @param initialAuthority The STAB3L authority.
    /// @param params The ParameterStore holding the `peg.*` keys.
    /// @param oracle The price oracle (CU/USD).
    /// @param spot The spot market (P_spot). @param futures The futures market (P_futures).
    constructor(
        address initialAuthority,
        IParameterStore params,
        IPriceOracle oracle,
        ISpotMarket spot,
        IFuturesMarket futures
    ) MarketBase(initialAuthority, params, oracle) {
        if (address(spot).code.length == 0) revert MarketInvalidAddress(address(spot));
        if (address(futures).code.length == 0) revert MarketInvalidAddress(address(futures));
        _spot = spot;
        _futures = futures;
        emit RatioSourceSet(address(0), address(0));
    }

    /// @inheritdoc IPegController
    function poke() external restricted returns (uint256 deviationBps) {
        uint256 cumulative = _spot.priceCumulative();
        uint256 start = _windowStart;
        uint256 window = _param(MarketKeys.PEG_TWAP_WINDOW);
        uint256 elapsed = block.timestamp - start;
        // No window yet, or one so long that its average would hide a recent move: start one, evaluate nothing.
        if (start == 0 || elapsed > 2 * window) {
            _startWindow(cumulative, window);
            return _lastDeviationBps;
        }
        if (elapsed < window) revert PegWindowNotElapsed(start, start + window);
        uint256 twap = (cumulative - _windowCumulative) / elapsed;
        _startWindow(cumulative, window);

        Observation memory o = _observe(twap);
        deviationBps = o.deviationBps;
        _lastPegWad = uint128(o.pegPriceWad);
        _lastDeviationBps = uint128(deviationBps);
        _lastAt = uint64(block.timestamp);
        if (_tripped) {
            if (deviationBps <= _param(MarketKeys.PEG_CLEAR_BPS)) {
                _tripped = false;
                emit BreakerCleared(deviationBps, false, _graceUntil);
            }
        } else {
            uint256 tripBps = _param(MarketKeys.PEG_TRIP_BPS);
            if (deviationBps > tripBps && block.timestamp >= _graceUntil) {
                _tripped = true;
                emit BreakerTripped(deviationBps, tripBps, o.pegPriceWad, o.spotPriceWad);
            }
        }
        emit PegObserved(o.pegPriceWad, o.spotPriceWad, deviationBps, _tripped);
    }

    /// @inheritdoc IPegController
    function clearBreaker() external restricted {
        uint256 until = block.timestamp + _param(MarketKeys.PEG_CLEAR_GRACE);
        _tripped = false;
        _graceUntil = uint64(until);
        emit BreakerCleared(_lastDeviationBps, true, until);
    }

    /// @inheritdoc IPegController
    function setRatioSource(IReserveRatioSource source) external restricted {
        if (address(source) != address(0) && address(source).code.length == 0) {
            revert MarketInvalidAddress(address(source));
        }
        emit RatioSourceSet(address(_ratioSource), address(source));
        _ratioSource = source;
    }

    /// @inheritdoc IPegController
    function observe() external view returns (Observation memory) {
        uint256 start = _windowStart;
        if (start == 0 || block.timestamp == start) return _observe(_spot.spotPrice());
        return _observe((_spot.priceCumulative() - _windowCumulative) / (block.timestamp - start));
    }

    /// @inheritdoc IPegController
    function averagingWindow() external view returns (uint256 startedAt, uint256 cumulativeAtStart) {
        return (_windowStart, _windowCumulative);
    }

    /// @inheritdoc IPegBreaker
    function breakerState() external view returns (bool tripped, uint256 pegPriceWad) {
        return (_tripped, _lastPegWad);
    }

    /// @inheritdoc IPegController
    function isTripped() external view returns (bool) {
        return _tripped;
    }

    /// @inheritdoc IPegController
    function graceUntil() external view returns (uint256) {
        return _graceUntil;
    }

    /// @inheritdoc IPegController
    function lastObservation() external view returns (uint256, uint256, uint256) {
        return (_lastDeviationBps, _lastPegWad, _lastAt);
    }

    /// @inheritdoc IPegController
    function ratioSource() external view returns (IReserveRatioSource) {
        return _ratioSource;
    }

    /// @dev Start an averaging window now, at the pool's price integral `cumulative`.
    function _startWindow(uint256 cumulative, uint256 window) internal {
        _windowStart = uint64(block.timestamp);
        _windowCumulative = cumulative;
        emit PegWindowStarted(block.timestamp, block.timestamp + window);
    }

    /// @dev The model with `spotWad` as P_spot (the pool's time-weighted average price over the window).
    function _observe(uint256 spotWad) internal view returns (Observation memory o) {
        o.cuPriceWad = _cuPrice();
        o.targetPriceWad = _param(MarketKeys.PEG_TARGET_PRICE);
        o.futuresPriceWad = _futures.futuresPriceAt(o.cuPriceWad);
        o.spotPriceWad = spotWad;
        // Without a ratio source the governance term is zero whatever g is: skip its two reads.
        if (address(_ratioSource) != address(0)) {
            o.ratioTargetWad = _param(MarketKeys.PEG_RATIO_TARGET);
            o.ratioActualWad = _ratioSource.reserveRatioWad();
            o.govTermWad = _mulWad(_param(MarketKeys.PEG_G), int256(o.ratioActualWad) - int256(o.ratioTargetWad));
        }

        o.arbTermWad = _mulWad(_param(MarketKeys.PEG_K), int256(o.targetPriceWad) - int256(o.cuPriceWad));
        o.derivTermWad = _mulWad(_param(MarketKeys.PEG_M), int256(o.futuresPriceWad) - int256(o.spotPriceWad));
        int256 peg = int256(o.cuPriceWad) + o.arbTermWad + o.derivTermWad + o.govTermWad;
        if (peg <= 0) revert PegNonPositivePrice(peg);
        o.pegPriceWad = uint256(peg);
        uint256 diff = o.spotPriceWad > o.pegPriceWad ? o.spotPriceWad - o.pegPriceWad : o.pegPriceWad - o.spotPriceWad;
        o.deviationBps = (diff * _BPS) / o.pegPriceWad;
    }

    function _mulWad(uint256 factorWad, int256 value) internal pure returns (int256) {
        return (int256(factorWad) * value) / int256(_WAD);
    }
}
