// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IFuturesMarket} from "./IFuturesMarket.sol";
import {IPegBreaker, IPegConsumer} from "./IPegBreaker.sol";
import {ExpirySettlement} from "./ExpirySettlement.sol";
import {MarketBase} from "./MarketBase.sol";
import {MarketKeys} from "./MarketKeys.sol";
import {IPriceOracle} from "../oracles/IPriceOracle.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title FuturesMarket
/// @notice Cash-settled CU futures against an insurance fund. See IFuturesMarket and docs/MARKETS.md.
/// @dev Solvency: the contract's quote balance is always at least totalMargin + insurance + fees; a payout above
/// a position's own margin is taken from the insurance fund and reverts FuturesInsufficientLiquidity when the
/// fund is short, so traders' margins are never used to pay other traders.
contract FuturesMarket is IFuturesMarket, IPegConsumer, ExpirySettlement, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    IERC20 private immutable _quote;
    uint256 private immutable _quoteScale;

    mapping(uint256 id => Position) private _positions;
    // Slot layout chosen for openPosition, the heaviest call: it writes exactly the first two slots below, and
    // neither is ever zero (nextId starts at 1, deployedAt is set at construction), so no open creates a slot.
    uint96 private _longOi;
    uint96 private _shortOi;
    uint64 private _nextId;
    uint96 private _totalMargin;
    uint96 private _fees;
    uint64 private _deployedAt;
    IPegBreaker private _peg;
    uint96 private _insurance;

    /// @param initialAuthority The STAB3L authority.
    /// @param params The ParameterStore holding the `futures.*` keys.
    /// @param oracle The price oracle (CU/USD).
    /// @param quote The margin token (a USD stablecoin, at most 18 decimals).
    constructor(
        address initialAuthority,
        IParameterStore params,
        IPriceOracle oracle,
        IERC20Metadata quote
    ) MarketBase(initialAuthority, params, oracle) {
        if (address(quote).code.length == 0) revert MarketInvalidAddress(address(quote));
        uint8 decimals = quote.decimals();
        if (decimals > 18) revert FuturesUnsupportedQuoteDecimals(decimals);
        _quote = quote;
        _quoteScale = 10 ** (18 - decimals);
        _nextId = 1;
        _deployedAt = uint64(block.timestamp);
    }

    // ---------------------------------------------------------------- trading

    /// @inheritdoc IFuturesMarket
    function openPosition(
        uint40 expiry,
        bool isLong,
        uint256 sizeCu,
        uint256 marginQuote
    ) external restricted nonReentrant returns (uint256 id) {
        if (sizeCu == 0 || marginQuote == 0) revert FuturesZeroAmount();
        _checkBreaker();
        _checkExpiry(expiry);
        (uint256 fill, uint256 margin, uint256 fee) = _openTerms(isLong, sizeCu, marginQuote);

        id = _nextId++;
        _positions[id] = Position({
            owner: msg.sender,
            marginQuote: uint96(margin),
            expiry: expiry,
            isLong: isLong,
            sizeCu: sizeCu.toUint96(),
            entryPriceWad: fill.toUint96()
        });
        _totalMargin += uint96(margin);
        _fees += fee.toUint96();
        _quote.safeTransferFrom(msg.sender, address(this), marginQuote);
        emit PositionOpened(id, msg.sender, expiry, isLong, sizeCu, fill, margin, fee);
    }

    /// @inheritdoc IFuturesMarket
    function addMargin(uint256 id, uint256 amountQuote) external restricted nonReentrant {
        if (amountQuote == 0) revert FuturesZeroAmount();
        Position storage p = _live(id);
        uint256 margin = p.marginQuote + amountQuote;
        p.marginQuote = margin.toUint96();
        _totalMargin += amountQuote.toUint96();
        _quote.safeTransferFrom(msg.sender, address(this), amountQuote);
        emit MarginChanged(id, msg.sender, int256(amountQuote), margin);
    }

    /// @inheritdoc IFuturesMarket
    function removeMargin(uint256 id, uint256 amountQuote) external restricted nonReentrant {
        if (amountQuote == 0) revert FuturesZeroAmount();
        Position storage p = _owned(id);
        uint256 index = _cuPrice();
        uint256 margin = p.marginQuote;
        int256 equityAfter = int256(margin) - int256(amountQuote) + _pnl(p, index);
        uint256 required = _requirement(p.sizeCu, index, _initialMarginBps());
        if (amountQuote > margin || equityAfter < int256(required)) {
            revert FuturesInsufficientMargin(equityAfter, required);
        }
        p.marginQuote = uint96(margin - amountQuote);
        _totalMargin -= uint96(amountQuote);
        _quote.safeTransfer(msg.sender, amountQuote);
        emit MarginChanged(id, msg.sender, -int256(amountQuote), margin - amountQuote);
    }

    /// @inheritdoc IFuturesMarket
    function closePosition(uint256 id) external restricted nonReentrant returns (uint256 payout) {
        Position memory p = _owned(id);
        uint256 index = _cuPrice();
        int256 skewBefore = int256(uint256(_longOi)) - int256(uint256(_shortOi));
        int256 skewAfter = p.isLong ? skewBefore - int256(uint256(p.sizeCu)) : skewBefore + int256(uint256(p.sizeCu));
        uint256 exit = _fillPrice(index, skewBefore, skewAfter, _param(MarketKeys.FUT_SKEW_SCALE));
        int256 pnl = _pnl(p, exit);
        int256 gross = int256(uint256(p.marginQuote)) + pnl;
        uint256 fee = (_notional(p.sizeCu, exit) * _param(MarketKeys.FUT_FEE_BPS)) / _BPS;
        if (gross <= 0) fee = 0;
        else if (fee > uint256(gross)) fee = uint256(gross);
        payout = gross > 0 ? uint256(gross) - fee : 0;
        _close(id, p, payout, fee);
        emit PositionClosed(id, exit, pnl, fee, payout);
    }

    /// @inheritdoc IFuturesMarket
    function liquidate(uint256 id) external restricted nonReentrant returns (uint256 rewardQuote) {
        Position memory p = _live(id);
        // A pause of top-ups stops owners defending positions: it holds their liquidation too.
        (bool topUpsPaused, uint64 pausedUntil) = _pauseOf(this.addMargin.selector);
        if (topUpsPaused) revert FuturesMarginTopUpsPaused(id, pausedUntil);
        uint256 index = _cuPrice();
        int256 equity = int256(uint256(p.marginQuote)) + _pnl(p, index);
        uint256 maintenance = _requirement(p.sizeCu, index, _param(MarketKeys.FUT_MAINT_MARGIN_BPS));
        if (equity >= int256(maintenance)) revert FuturesNotLiquidatable(id, equity, maintenance);
        rewardQuote = Math.min(
            (_notional(p.sizeCu, index) * _param(MarketKeys.FUT_LIQ_REWARD_BPS)) / _BPS,
            p.marginQuote
        );
        // The owner gets nothing; the margin left after the reward goes to the insurance fund.
        _close(id, p, 0, 0);
        _insurance -= uint96(rewardQuote);
        _quote.safeTransfer(msg.sender, rewardQuote);
        emit PositionLiquidated(id, msg.sender, index, equity, maintenance, rewardQuote);
    }

    /// @inheritdoc IFuturesMarket
    function settle(uint256 id) external restricted nonReentrant returns (uint256 payout) {
        Position memory p = _positions[id];
        if (p.owner == address(0)) revert FuturesUnknownPosition(id);
        uint256 price = _settled(p.expiry);
        int256 pnl = _pnl(p, price);
        int256 gross = int256(uint256(p.marginQuote)) + pnl;
        payout = gross > 0 ? uint256(gross) : 0;
        _close(id, p, payout, 0);
        emit PositionSettled(id, price, pnl, payout);
    }

    /// @inheritdoc IFuturesMarket
    function fundInsurance(uint256 amountQuote) external restricted nonReentrant {
        if (amountQuote == 0) revert FuturesZeroAmount();
        _insurance += amountQuote.toUint96();
        _quote.safeTransferFrom(msg.sender, address(this), amountQuote);
        emit InsuranceFunded(msg.sender, amountQuote);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IFuturesMarket
    function collectFees(address to) external restricted nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert MarketInvalidAddress(to);
        amount = _fees;
        _fees = 0;
        _quote.safeTransfer(to, amount);
        emit FeesCollected(to, amount);
    }

    /// @inheritdoc IPegConsumer
    function setPegController(IPegBreaker controller) external restricted {
        if (address(controller) != address(0) && address(controller).code.length == 0) {
            revert MarketInvalidAddress(address(controller));
        }
        emit PegControllerSet(address(_peg), address(controller));
        _peg = controller;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IFuturesMarket
    function futuresPrice() external view returns (uint256) {
        uint256 index = _cuPrice();
        int256 skew = int256(uint256(_longOi)) - int256(uint256(_shortOi));
        return _fillPrice(index, skew, skew, _param(MarketKeys.FUT_SKEW_SCALE));
    }

    /// @inheritdoc IFuturesMarket
    function futuresPriceAt(uint256 indexWad) external view returns (uint256) {
        int256 skew = int256(uint256(_longOi)) - int256(uint256(_shortOi));
        return _fillPrice(indexWad, skew, skew, _param(MarketKeys.FUT_SKEW_SCALE));
    }

    /// @inheritdoc IFuturesMarket
    function position(uint256 id) external view returns (Position memory) {
        return _positions[id];
    }

    /// @inheritdoc IFuturesMarket
    function health(uint256 id) external view returns (int256 equityQuote, uint256 maintenanceQuote) {
        Position memory p = _positions[id];
        if (p.owner == address(0)) revert FuturesUnknownPosition(id);
        uint256 index = _cuPrice();
        equityQuote = int256(uint256(p.marginQuote)) + _pnl(p, index);
        maintenanceQuote = _requirement(p.sizeCu, index, _param(MarketKeys.FUT_MAINT_MARGIN_BPS));
    }

    /// @inheritdoc IFuturesMarket
    function openInterest() external view returns (uint256, uint256) {
        return (_longOi, _shortOi);
    }

    /// @inheritdoc IFuturesMarket
    function accounts() external view returns (uint256, uint256, uint256) {
        return (_totalMargin, _insurance, _fees);
    }

    /// @inheritdoc IFuturesMarket
    function nextPositionId() external view returns (uint256) {
        return _nextId;
    }

    /// @inheritdoc IPegConsumer
    function pegController() external view returns (IPegBreaker) {
        return _peg;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Price a new position, check the open-interest cap and initial margin, and book the open interest.
    /// The cap per side is `futures.maxOpenInterestCu`, and never more than half the skew scale, so the premium
    /// stays within ±50% and the fill price positive whatever the configuration. The margin must cover the initial
    /// requirement at the index after the fee and after the premium a trader on the crowded side pays (the loss
    /// of entering at the fill rather than the index): otherwise shorts (or longs) could push the skew at a loss
    /// larger than their margin while the other side collects the premium in full from the insurance fund.
    /// @return fill Entry price (USD wad). @return margin Margin after the fee (quote). @return fee Fee (quote).
    function _openTerms(
        bool isLong,
        uint256 sizeCu,
        uint256 marginQuote
    ) internal returns (uint256 fill, uint256 margin, uint256 fee) {
        uint256 index = _cuPrice();
        fill = _bookOpenInterest(isLong, sizeCu, index);
        fee = (_notional(sizeCu, fill) * _param(MarketKeys.FUT_FEE_BPS)) / _BPS;
        uint256 required = _requirement(sizeCu, index, _initialMarginBps());
        int256 net = int256(marginQuote) - int256(fee);
        int256 equity = net - int256(_premiumPaid(isLong, sizeCu, index, fill));
        if (equity < int256(required)) revert FuturesInsufficientMargin(equity, required);
        margin = uint256(net).toUint96();
    }

    /// @dev Check the cap on the side's open interest, book it, and return the fill price at `index`.
    function _bookOpenInterest(bool isLong, uint256 sizeCu, uint256 index) internal returns (uint256 fill) {
        uint256 longOi = _longOi;
        uint256 shortOi = _shortOi;
        uint256 scale = _param(MarketKeys.FUT_SKEW_SCALE);
        uint256 cap = Math.min(_param(MarketKeys.FUT_MAX_OI), scale / 2);
        uint256 sideAfter = (isLong ? longOi : shortOi) + sizeCu;
        if (sideAfter > cap) revert FuturesOpenInterestCap(isLong, sideAfter, cap);
        int256 skewBefore = int256(longOi) - int256(shortOi);
        int256 skewAfter = isLong ? skewBefore + int256(sizeCu) : skewBefore - int256(sizeCu);
        fill = _fillPrice(index, skewBefore, skewAfter, scale);
        if (isLong) _longOi = sideAfter.toUint96();
        else _shortOi = sideAfter.toUint96();
    }

    /// @dev What a position entering at `fill` loses at once against the index, in quote units rounded up: the
    /// premium on the crowded side (a long above the index, a short below it); zero on the other side.
    function _premiumPaid(bool isLong, uint256 sizeCu, uint256 index, uint256 fill) internal view returns (uint256) {
        if (isLong ? fill <= index : fill >= index) return 0;
        return Math.mulDiv(sizeCu, isLong ? fill - index : index - fill, _WAD * _quoteScale, Math.Rounding.Ceil);
    }

    /// @dev Remove a position: release its margin, pay `payout` to its owner and book `fee`; the difference
    /// between margin and what leaves (payout + fee) is the insurance fund's gain (or, if negative, its cost).
    function _close(uint256 id, Position memory p, uint256 payout, uint256 fee) internal {
        uint256 margin = p.marginQuote;
        uint256 out = payout + fee;
        if (out > margin) {
            uint256 cost = out - margin;
            if (cost > _insurance) revert FuturesInsufficientLiquidity(cost, _insurance);
            _insurance -= uint96(cost);
        } else {
            _insurance += uint96(margin - out);
        }
        _totalMargin -= uint96(margin);
        _fees += uint96(fee);
        if (p.isLong) _longOi -= p.sizeCu;
        else _shortOi -= p.sizeCu;
        delete _positions[id];
        if (payout > 0) _quote.safeTransfer(p.owner, payout);
    }

    function _settlementFallbackDelayKey() internal pure override returns (bytes32) {
        return MarketKeys.FUT_SETTLEMENT_FALLBACK_DELAY;
    }

    /// @dev An open, unexpired position.
    function _live(uint256 id) internal view returns (Position storage p) {
        p = _positions[id];
        if (p.owner == address(0)) revert FuturesUnknownPosition(id);
        if (block.timestamp >= p.expiry) revert FuturesExpired(id, p.expiry, block.timestamp);
    }

    function _owned(uint256 id) internal view returns (Position storage p) {
        p = _live(id);
        if (p.owner != msg.sender) revert FuturesNotOwner(id, msg.sender, p.owner);
    }

    function _checkExpiry(uint40 expiry) internal view {
        uint256 interval = _param(MarketKeys.FUT_EXPIRY_INTERVAL);
        uint256 earliest = block.timestamp + 1;
        uint256 latest = block.timestamp + _param(MarketKeys.FUT_MAX_HORIZON);
        if (expiry % interval != 0 || expiry < earliest || expiry > latest) {
            revert FuturesInvalidExpiry(expiry, interval, earliest, latest);
        }
    }

    function _checkBreaker() internal view {
        if (address(_peg) == address(0)) return;
        (bool tripped, uint256 peg) = _peg.breakerState();
        if (tripped) revert FuturesBreakerTripped(peg);
    }

    /// @dev Initial margin rate. Never below the maintenance rate: the catalog's hard bounds do not overlap
    /// (initial in [1000, 5000] bps, maintenance in [100, 1000] bps), which saves a read on every open.
    function _initialMarginBps() internal view returns (uint256) {
        return _param(MarketKeys.FUT_INITIAL_MARGIN_BPS);
    }

    /// @dev index × (1 + average skew / skewScale), the average skew bounded to ±skewScale / 2: the factor stays
    /// in [0.5, 1.5], never zero or negative, so closing and the peg controller's read never fail on it. The open
    /// cap (at most skewScale / 2 per side) keeps the skew inside that range; the bound only acts if governance
    /// lowers the scale below the open interest already there.
    function _fillPrice(
        uint256 index,
        int256 skewBefore,
        int256 skewAfter,
        uint256 scale
    ) internal pure returns (uint256) {
        int256 half = int256(scale / 2);
        int256 averageSkew = (skewBefore + skewAfter) / 2;
        if (averageSkew > half) averageSkew = half;
        else if (averageSkew < -half) averageSkew = -half;
        uint256 factor = uint256(int256(_WAD) + (averageSkew * int256(_WAD)) / int256(scale));
        return (index * factor) / _WAD;
    }

    /// @dev Notional of `sizeCu` at `priceWad`, in quote units (rounded down).
    function _notional(uint256 sizeCu, uint256 priceWad) internal view returns (uint256) {
        return Math.mulDiv(sizeCu, priceWad, _WAD * _quoteScale);
    }

    /// @dev `rateBps` of notional at `priceWad`, in quote units, rounded up (requirements favour the market).
    function _requirement(uint256 sizeCu, uint256 priceWad, uint256 rateBps) internal view returns (uint256) {
        return Math.mulDiv(sizeCu * priceWad, rateBps, _WAD * _quoteScale * _BPS, Math.Rounding.Ceil);
    }

    /// @dev PnL of `p` at `priceWad`, quote units, rounded toward negative infinity.
    function _pnl(Position memory p, uint256 priceWad) internal view returns (int256) {
        int256 diff = int256(priceWad) - int256(uint256(p.entryPriceWad));
        if (!p.isLong) diff = -diff;
        int256 num = int256(uint256(p.sizeCu)) * diff;
        int256 den = int256(_WAD * _quoteScale);
        int256 q = num / den;
        if (num % den != 0 && num < 0) q -= 1;
        return q;
    }
}
