// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ISpotMarket} from "./ISpotMarket.sol";
import {IPegBreaker, IPegConsumer} from "./IPegBreaker.sol";
import {MarketBase} from "./MarketBase.sol";
import {MarketKeys} from "./MarketKeys.sol";
import {IPriceOracle} from "../oracles/IPriceOracle.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title SpotMarket
/// @notice sSTB/quote constant-product pool whose price may only move inside a governed band around the oracle's
/// CU price. See ISpotMarket and docs/MARKETS.md.
contract SpotMarket is ISpotMarket, IPegConsumer, MarketBase, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Shares locked by the first deposit so the pool can never be fully drained to a manipulable state.
    uint256 public constant MINIMUM_SHARES = 1_000;

    IERC20 private immutable _sstb;
    IERC20 private immutable _quote;
    /// @dev Multiplier from quote units to 18 decimals.
    uint256 private immutable _quoteScale;

    // One slot, as in Uniswap v2: both reserves (112 bits: 5.2e15 sSTB; 5.2e27 whole tokens of a 6-decimal
    // quote) and when they last changed (uint32 seconds: wraps in 2106, used for nothing but reporting). The
    // time is set at deployment, so the slot is never zero and the pool's first deposit updates it instead of
    // creating it.
    uint112 private _sstbReserve;
    uint112 private _quoteReserve;
    uint32 private _reservesUpdatedAt;
    // The time integral of the pool price (USD wad × seconds), Uniswap v2's price0CumulativeLast for our one
    // price: the first operation of each block adds the price the reserves held since the last change, times the
    // seconds since. A price set in a block therefore counts only from the next block on, for as long as it
    // lasts. Its own slot (the reserves' is full); set to 1 at deployment so that the first accumulation
    // updates it instead of creating it (only differences matter). Cannot overflow: the band keeps the price
    // near the oracle's, and uint32 seconds × any such price is far below 2^256.
    uint256 private _priceCumulative;
    // One slot: the peg controller and the share supply (96 bits: 7.9e28 shares).
    IPegBreaker private _peg;
    uint96 private _totalShares;
    mapping(address provider => uint256) private _shares;

    /// @param initialAuthority The STAB3L authority.
    /// @param params The ParameterStore holding the `spot.*` keys.
    /// @param oracle The price oracle (CU/USD).
    /// @param sstbToken sSTB (18 decimals).
    /// @param quote The quote token (a USD stablecoin, at most 18 decimals).
    constructor(
        address initialAuthority,
        IParameterStore params,
        IPriceOracle oracle,
        IERC20 sstbToken,
        IERC20Metadata quote
    ) MarketBase(initialAuthority, params, oracle) {
        if (address(sstbToken).code.length == 0) revert MarketInvalidAddress(address(sstbToken));
        if (address(quote).code.length == 0) revert MarketInvalidAddress(address(quote));
        uint8 decimals = quote.decimals();
        if (decimals > 18) revert SpotUnsupportedQuoteDecimals(decimals);
        _sstb = sstbToken;
        _quote = quote;
        _quoteScale = 10 ** (18 - decimals);
        _reservesUpdatedAt = uint32(block.timestamp);
        _priceCumulative = 1;
    }

    // ---------------------------------------------------------------- liquidity

    /// @inheritdoc ISpotMarket
    function addLiquidity(
        uint256 sstbAmount,
        uint256 quoteAmount,
        uint256 minShares
    ) external restricted nonReentrant returns (uint256 shares) {
        if (sstbAmount == 0 || quoteAmount == 0) revert SpotZeroAmount();
        uint256 total = _totalShares;
        uint256 rs = _sstbReserve;
        uint256 rq = _quoteReserve;
        uint256 usedSstb = sstbAmount;
        uint256 usedQuote = quoteAmount;
        if (total == 0) {
            // The first deposit sets the price: it must respect the oracle band like any swap.
            _checkBand(_price(sstbAmount, quoteAmount));
            uint256 root = Math.sqrt(sstbAmount * quoteAmount * _quoteScale);
            // Too small to lock MINIMUM_SHARES and mint any: named instead of an arithmetic panic.
            shares = root > MINIMUM_SHARES ? root - MINIMUM_SHARES : 0;
            if (shares == 0 || shares < minShares) revert SpotInsufficientSharesMinted(shares, minShares);
            total = MINIMUM_SHARES;
        } else {
            shares = Math.min((sstbAmount * total) / rs, (quoteAmount * total) / rq);
            if (shares == 0 || shares < minShares) revert SpotInsufficientSharesMinted(shares, minShares);
            usedSstb = Math.mulDiv(shares, rs, total, Math.Rounding.Ceil);
            usedQuote = Math.mulDiv(shares, rq, total, Math.Rounding.Ceil);
        }
        _totalShares = (total + shares).toUint96();
        _shares[msg.sender] += shares;
        _setReserves(rs, rq, rs + usedSstb, rq + usedQuote);
        _sstb.safeTransferFrom(msg.sender, address(this), usedSstb);
        _quote.safeTransferFrom(msg.sender, address(this), usedQuote);
        emit LiquidityAdded(msg.sender, usedSstb, usedQuote, shares);
    }

    /// @inheritdoc ISpotMarket
    function removeLiquidity(
        uint256 shares,
        uint256 minSstb,
        uint256 minQuote
    ) external restricted nonReentrant returns (uint256 sstbAmount, uint256 quoteAmount) {
        if (shares == 0) revert SpotZeroAmount();
        uint256 balance = _shares[msg.sender];
        if (shares > balance) revert SpotInsufficientShares(msg.sender, shares, balance);
        uint256 total = _totalShares;
        uint256 rs = _sstbReserve;
        uint256 rq = _quoteReserve;
        sstbAmount = (shares * rs) / total;
        quoteAmount = (shares * rq) / total;
        if (sstbAmount < minSstb) revert SpotSlippage(sstbAmount, minSstb);
        if (quoteAmount < minQuote) revert SpotSlippage(quoteAmount, minQuote);
        _shares[msg.sender] = balance - shares;
        _totalShares = uint96(total - shares);
        _setReserves(rs, rq, rs - sstbAmount, rq - quoteAmount);
        _sstb.safeTransfer(msg.sender, sstbAmount);
        _quote.safeTransfer(msg.sender, quoteAmount);
        emit LiquidityRemoved(msg.sender, sstbAmount, quoteAmount, shares);
    }

    // ---------------------------------------------------------------- trading

    /// @inheritdoc ISpotMarket
    function swap(
        bool sellSstb,
        uint256 amountIn,
        uint256 minAmountOut
    ) external restricted nonReentrant returns (uint256 amountOut) {
        if (amountIn == 0) revert SpotZeroAmount();
        uint256 rs = _sstbReserve;
        uint256 rq = _quoteReserve;
        if (rs == 0) revert SpotNoLiquidity();
        uint256 fee;
        (amountOut, fee) = _quoteSwap(sellSstb, amountIn, rs, rq);
        if (amountOut < minAmountOut) revert SpotSlippage(amountOut, minAmountOut);

        uint256 sstbMoved = sellSstb ? amountIn : amountOut;
        uint256 maxTrade = _param(MarketKeys.SPOT_MAX_TRADE);
        if (sstbMoved > maxTrade) revert SpotTradeTooLarge(sstbMoved, maxTrade);

        (uint256 newRs, uint256 newRq) = sellSstb ? (rs + amountIn, rq - amountOut) : (rs - amountOut, rq + amountIn);
        uint256 priceAfter = _checkSwapPrices(_price(rs, rq), _price(newRs, newRq));

        _setReserves(rs, rq, newRs, newRq);
        (IERC20 tokenIn, IERC20 tokenOut) = sellSstb ? (_sstb, _quote) : (_quote, _sstb);
        tokenIn.safeTransferFrom(msg.sender, address(this), amountIn);
        tokenOut.safeTransfer(msg.sender, amountOut);
        emit Swapped(msg.sender, sellSstb, amountIn, amountOut, fee, priceAfter);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IPegConsumer
    function setPegController(IPegBreaker controller) external restricted {
        _setPegController(controller);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ISpotMarket
    function quoteSwap(bool sellSstb, uint256 amountIn) external view returns (uint256 amountOut, uint256 fee) {
        if (_sstbReserve == 0) revert SpotNoLiquidity();
        return _quoteSwap(sellSstb, amountIn, _sstbReserve, _quoteReserve);
    }

    /// @inheritdoc ISpotMarket
    function spotPrice() external view returns (uint256) {
        if (_sstbReserve == 0) revert SpotNoLiquidity();
        return _price(_sstbReserve, _quoteReserve);
    }

    /// @inheritdoc ISpotMarket
    function priceCumulative() external view returns (uint256 cumulativeWadSeconds) {
        uint256 rs = _sstbReserve;
        if (rs == 0) revert SpotNoLiquidity();
        cumulativeWadSeconds = _priceCumulative;
        uint256 elapsed = _elapsedSinceUpdate();
        if (elapsed > 0) cumulativeWadSeconds += _price(rs, _quoteReserve) * elapsed;
    }

    /// @inheritdoc ISpotMarket
    function reserves() external view returns (uint256, uint256) {
        return (_sstbReserve, _quoteReserve);
    }

    /// @inheritdoc ISpotMarket
    function reservesUpdatedAt() external view returns (uint256) {
        return _reservesUpdatedAt;
    }

    /// @inheritdoc ISpotMarket
    function sharesOf(address provider) external view returns (uint256) {
        return _shares[provider];
    }

    /// @inheritdoc ISpotMarket
    function totalShares() external view returns (uint256) {
        return _totalShares;
    }

    /// @inheritdoc ISpotMarket
    function sstb() external view returns (IERC20) {
        return _sstb;
    }

    /// @inheritdoc ISpotMarket
    function quoteToken() external view returns (IERC20) {
        return _quote;
    }

    /// @inheritdoc IPegConsumer
    function pegController() external view returns (IPegBreaker) {
        return _peg;
    }

    // ---------------------------------------------------------------- internals

    function _setPegController(IPegBreaker controller) internal {
        if (address(controller) != address(0) && address(controller).code.length == 0) {
            revert MarketInvalidAddress(address(controller));
        }
        emit PegControllerSet(address(_peg), address(controller));
        _peg = controller;
    }

    function _quoteSwap(
        bool sellSstb,
        uint256 amountIn,
        uint256 rs,
        uint256 rq
    ) internal view returns (uint256 amountOut, uint256 fee) {
        fee = (amountIn * _param(MarketKeys.SPOT_FEE_BPS)) / _BPS;
        uint256 net = amountIn - fee;
        (uint256 reserveIn, uint256 reserveOut) = sellSstb ? (rs, rq) : (rq, rs);
        amountOut = (reserveOut * net) / (reserveIn + net);
    }

    /// @dev USD (wad) per sSTB for the given reserves.
    function _price(uint256 rs, uint256 rq) internal view returns (uint256) {
        return Math.mulDiv(rq * _quoteScale, _WAD, rs);
    }

    /// @dev The oracle band [lower, upper] (USD wad) around the CU price.
    function _band() internal view returns (uint256 lower, uint256 upper) {
        uint256 index = _cuPrice();
        uint256 band = _param(MarketKeys.SPOT_BAND_BPS);
        lower = (index * (_BPS - band)) / _BPS;
        upper = (index * (_BPS + band)) / _BPS;
    }

    /// @dev A first deposit must set a price inside the band.
    function _checkBand(uint256 priceWad) internal view {
        (uint256 lower, uint256 upper) = _band();
        if (priceWad < lower || priceWad > upper) revert SpotPriceOutsideBand(priceWad, lower, upper);
    }

    /// @dev The band and the breaker, for a swap moving the pool price from `priceBefore` to `priceAfter`.
    function _checkSwapPrices(uint256 priceBefore, uint256 priceAfter) internal view returns (uint256) {
        _checkSwapBand(priceBefore, priceAfter);
        _checkBreaker(priceBefore, priceAfter);
        return priceAfter;
    }

    /// @dev A swap must end inside the band, or, when the pool starts outside it (the oracle moved further than
    /// one trade can follow), move the price towards the band without crossing it: below the band only upwards,
    /// above it only downwards. Otherwise trading would freeze until governance widened the band.
    function _checkSwapBand(uint256 priceBefore, uint256 priceAfter) internal view {
        (uint256 lower, uint256 upper) = _band();
        if ((priceAfter < lower && priceAfter <= priceBefore) || (priceAfter > upper && priceAfter >= priceBefore)) {
            revert SpotPriceOutsideBand(priceAfter, lower, upper);
        }
    }

    function _checkBreaker(uint256 priceBefore, uint256 priceAfter) internal view {
        if (address(_peg) == address(0)) return;
        (bool tripped, uint256 peg) = _peg.breakerState();
        if (!tripped) return;
        uint256 distBefore = priceBefore > peg ? priceBefore - peg : peg - priceBefore;
        uint256 distAfter = priceAfter > peg ? priceAfter - peg : peg - priceAfter;
        if (distAfter > distBefore) revert SpotBreakerTripped(priceBefore, priceAfter, peg);
    }

    /// @dev Seconds since the reserves last changed (uint32 arithmetic: correct across the 2106 wrap).
    function _elapsedSinceUpdate() private view returns (uint256) {
        unchecked {
            return uint32(block.timestamp) - _reservesUpdatedAt;
        }
    }

    /// @dev Accumulate the price the old reserves held since they were set (once per block: not again in the same
    /// block, and not before the first deposit, when there is no price), then write both new reserves and the
    /// time in one slot. Reserves beyond 112 bits revert (SafeCast) rather than wrap.
    function _setReserves(uint256 oldSstb, uint256 oldQuote, uint256 sstbReserve, uint256 quoteReserve) private {
        uint256 elapsed = _elapsedSinceUpdate();
        if (elapsed > 0 && oldSstb != 0) {
            unchecked {
                _priceCumulative += _price(oldSstb, oldQuote) * elapsed;
            }
        }
        _sstbReserve = sstbReserve.toUint112();
        _quoteReserve = quoteReserve.toUint112();
        _reservesUpdatedAt = uint32(block.timestamp);
    }
}
