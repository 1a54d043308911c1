// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IOptionsMarket} from "./IOptionsMarket.sol";
import {ExpirySettlement} from "./ExpirySettlement.sol";
import {MarketBase} from "./MarketBase.sol";
import {MarketKeys} from "./MarketKeys.sol";
import {IPriceOracle} from "../oracles/IPriceOracle.sol";
import {IParameterStore} from "../params/IParameterStore.sol";

/// @title OptionsMarket
/// @notice Fully collateralised, cash-settled European CU options. See IOptionsMarket and docs/MARKETS.md.
/// @dev Rounding keeps every offer solvent on its own: collateral is rounded up when locked, each holder's payout
/// is rounded down, and the writer's reclaim subtracts the holders' total owed rounded up.
contract OptionsMarket is IOptionsMarket, ExpirySettlement, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    IERC20 private immutable _sstb;
    IERC20 private immutable _quote;
    uint256 private immutable _quoteScale;

    mapping(uint256 id => Offer) private _offers;
    mapping(uint256 id => mapping(address holder => uint256 amountCu)) private _holdings;
    uint128 private _fees;
    uint128 private _nextId;

    /// @param initialAuthority The STAB3L authority.
    /// @param params The ParameterStore holding the `options.*` keys.
    /// @param oracle The price oracle (CU/USD).
    /// @param sstbToken sSTB, the collateral and payout of calls.
    /// @param quote The quote token, premium and the collateral and payout of puts.
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
        if (decimals > 18) revert OptionsUnsupportedQuoteDecimals(decimals);
        _sstb = sstbToken;
        _quote = quote;
        _quoteScale = 10 ** (18 - decimals);
        _nextId = 1;
    }

    /// @inheritdoc IOptionsMarket
    function write(
        bool isCall,
        uint256 strikeWad,
        uint40 expiry,
        uint256 amountCu,
        uint256 premiumPerCuQuote
    ) external restricted nonReentrant returns (uint256 id) {
        if (amountCu == 0 || strikeWad == 0) revert OptionsZeroAmount();
        uint256 maxCu = _param(MarketKeys.OPT_MAX_OFFER);
        if (amountCu > maxCu) revert OptionsAmountTooLarge(amountCu, maxCu);
        _checkExpiry(expiry);
        uint256 index = _cuPrice();
        uint256 band = _param(MarketKeys.OPT_STRIKE_BAND_BPS);
        uint256 minStrike = (index * (_BPS - Math.min(band, _BPS))) / _BPS;
        uint256 maxStrike = (index * (_BPS + band)) / _BPS;
        if (strikeWad < minStrike || strikeWad > maxStrike) {
            revert OptionsStrikeOutOfRange(strikeWad, minStrike, maxStrike);
        }

        id = _nextId++;
        _offers[id] = Offer({
            writer: msg.sender,
            expiry: expiry,
            isCall: isCall,
            reclaimed: false,
            strikeWad: strikeWad.toUint96(),
            amountCu: amountCu.toUint96(),
            premiumPerCuQuote: premiumPerCuQuote.toUint64(),
            soldCu: 0
        });
        uint256 collateral = _collateral(isCall, strikeWad, amountCu);
        (isCall ? _sstb : _quote).safeTransferFrom(msg.sender, address(this), collateral);
        emit OptionWritten(id, msg.sender, isCall, strikeWad, expiry, amountCu, premiumPerCuQuote, collateral);
    }

    /// @inheritdoc IOptionsMarket
    function buy(uint256 id, uint256 amountCu) external restricted nonReentrant {
        if (amountCu == 0) revert OptionsZeroAmount();
        Offer storage o = _known(id);
        if (block.timestamp >= o.expiry) revert OptionsExpired(id, o.expiry, block.timestamp);
        uint256 sold = o.soldCu;
        uint256 available = o.amountCu - sold;
        if (amountCu > available) revert OptionsInsufficientAvailable(id, amountCu, available);
        o.soldCu = uint128(sold + amountCu);
        _holdings[id][msg.sender] += amountCu;
        uint256 premium = Math.mulDiv(amountCu, o.premiumPerCuQuote, _WAD, Math.Rounding.Ceil);
        uint256 fee = (premium * _param(MarketKeys.OPT_FEE_BPS)) / _BPS;
        _fees += fee.toUint128();
        if (premium > 0) _quote.safeTransferFrom(msg.sender, o.writer, premium);
        if (fee > 0) _quote.safeTransferFrom(msg.sender, address(this), fee);
        emit OptionBought(id, msg.sender, amountCu, premium, fee);
    }

    /// @inheritdoc IOptionsMarket
    function cancelUnsold(uint256 id) external restricted nonReentrant returns (uint256 collateral) {
        Offer storage o = _known(id);
        if (o.writer != msg.sender) revert OptionsNotWriter(id, msg.sender, o.writer);
        if (block.timestamp >= o.expiry) revert OptionsExpired(id, o.expiry, block.timestamp);
        uint256 amount = o.amountCu;
        uint256 sold = o.soldCu;
        if (amount == sold) revert OptionsZeroAmount();
        collateral = _collateral(o.isCall, o.strikeWad, amount) - _collateral(o.isCall, o.strikeWad, sold);
        o.amountCu = uint96(sold);
        (o.isCall ? _sstb : _quote).safeTransfer(msg.sender, collateral);
        emit OfferCancelled(id, amount - sold, collateral);
    }

    /// @inheritdoc IOptionsMarket
    function exercise(uint256 id) external restricted nonReentrant returns (uint256 payout) {
        Offer storage o = _expired(id);
        uint256 held = _holdings[id][msg.sender];
        if (held == 0) revert OptionsNothingToExercise(id, msg.sender);
        uint256 price = _settled(o.expiry);
        _holdings[id][msg.sender] = 0;
        payout = _owed(o.isCall, o.strikeWad, price, held, Math.Rounding.Floor);
        if (payout > 0) (o.isCall ? _sstb : _quote).safeTransfer(msg.sender, payout);
        emit OptionExercised(id, msg.sender, held, price, payout);
    }

    /// @inheritdoc IOptionsMarket
    function reclaim(uint256 id) external restricted nonReentrant returns (uint256 collateral) {
        Offer storage o = _expired(id);
        if (o.reclaimed) revert OptionsAlreadyReclaimed(id);
        uint256 price = _settled(o.expiry);
        o.reclaimed = true;
        collateral =
            _collateral(o.isCall, o.strikeWad, o.amountCu) -
            _owed(o.isCall, o.strikeWad, price, o.soldCu, Math.Rounding.Ceil);
        if (collateral > 0) (o.isCall ? _sstb : _quote).safeTransfer(o.writer, collateral);
        emit CollateralReclaimed(id, o.writer, collateral);
    }

    /// @inheritdoc IOptionsMarket
    function collectFees(address to) external restricted nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert MarketInvalidAddress(to);
        amount = _fees;
        _fees = 0;
        _quote.safeTransfer(to, amount);
        emit FeesCollected(to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IOptionsMarket
    function offer(uint256 id) external view returns (Offer memory) {
        return _offers[id];
    }

    /// @inheritdoc IOptionsMarket
    function holding(uint256 id, address holder) external view returns (uint256) {
        return _holdings[id][holder];
    }

    /// @inheritdoc IOptionsMarket
    function feesAccrued() external view returns (uint256) {
        return _fees;
    }

    /// @inheritdoc IOptionsMarket
    function nextOfferId() external view returns (uint256) {
        return _nextId;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Collateral for `amountCu`: sSTB wei for calls (1:1), quote units for puts (strike × amount, rounded up).
    function _collateral(bool isCall, uint256 strikeWad, uint256 amountCu) internal view returns (uint256) {
        if (isCall) return amountCu;
        return Math.mulDiv(amountCu, strikeWad, _WAD * _quoteScale, Math.Rounding.Ceil);
    }

    /// @dev What `amountCu` options pay at `priceWad`: calls in sSTB wei, puts in quote units.
    function _owed(
        bool isCall,
        uint256 strikeWad,
        uint256 priceWad,
        uint256 amountCu,
        Math.Rounding rounding
    ) internal view returns (uint256) {
        if (isCall) {
            if (priceWad <= strikeWad) return 0;
            return Math.mulDiv(amountCu, priceWad - strikeWad, priceWad, rounding);
        }
        if (priceWad >= strikeWad) return 0;
        return Math.mulDiv(amountCu, strikeWad - priceWad, _WAD * _quoteScale, rounding);
    }

    function _settlementFallbackDelayKey() internal pure override returns (bytes32) {
        return MarketKeys.OPT_SETTLEMENT_FALLBACK_DELAY;
    }

    function _known(uint256 id) internal view returns (Offer storage o) {
        o = _offers[id];
        if (o.writer == address(0)) revert OptionsUnknownOffer(id);
    }

    function _expired(uint256 id) internal view returns (Offer storage o) {
        o = _known(id);
        if (block.timestamp < o.expiry) revert OptionsNotExpired(id, o.expiry, block.timestamp);
    }

    function _checkExpiry(uint40 expiry) internal view {
        uint256 interval = _param(MarketKeys.OPT_EXPIRY_INTERVAL);
        uint256 earliest = block.timestamp + _param(MarketKeys.OPT_MIN_EXPIRY);
        uint256 latest = block.timestamp + _param(MarketKeys.OPT_MAX_EXPIRY);
        if (expiry % interval != 0 || expiry < earliest || expiry > latest) {
            revert OptionsInvalidExpiry(expiry, interval, earliest, latest);
        }
    }
}
