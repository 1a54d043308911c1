// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IExpirySettlement} from "./IExpirySettlement.sol";
import {MarketBase} from "./MarketBase.sol";

/// @title ExpirySettlement
/// @notice One settlement price per expiry, shared by the futures and options markets (see IExpirySettlement).
abstract contract ExpirySettlement is IExpirySettlement, MarketBase {
    mapping(uint40 expiry => uint256 priceWad) private _settlement;

    /// @inheritdoc IExpirySettlement
    function fixSettlementPrice(uint40 expiry, uint80 roundId) external restricted returns (uint256 price) {
        price = _settlement[expiry];
        if (price != 0) return price;
        _requireExpired(expiry);
        uint256 updatedAt;
        (price, updatedAt) = _cuPriceAtOrAfter(expiry, roundId);
        _settlement[expiry] = price;
        emit SettlementPriceFixed(expiry, price, updatedAt);
    }

    /// @inheritdoc IExpirySettlement
    function setSettlementPrice(uint40 expiry, uint256 priceWad) external restricted {
        uint256 fixedPrice = _settlement[expiry];
        if (fixedPrice != 0) revert MarketSettlementAlreadyFixed(expiry, fixedPrice);
        _requireExpired(expiry);
        uint256 availableAt = uint256(expiry) + _param(_settlementFallbackDelayKey());
        if (block.timestamp < availableAt) revert MarketSettlementFallbackTooEarly(expiry, availableAt);
        if (priceWad == 0) revert MarketInvalidSettlementPrice(priceWad);
        _settlement[expiry] = priceWad;
        emit SettlementPriceSetByGovernance(expiry, priceWad);
    }

    /// @inheritdoc IExpirySettlement
    function settlementPrice(uint40 expiry) external view returns (uint256) {
        return _settlement[expiry];
    }

    /// @dev The fixed settlement price of `expiry`, or MarketSettlementPriceNotFixed.
    function _settled(uint40 expiry) internal view returns (uint256 price) {
        price = _settlement[expiry];
        if (price == 0) revert MarketSettlementPriceNotFixed(expiry);
    }

    /// @dev The ParameterStore key of this market's settlement fallback delay.
    function _settlementFallbackDelayKey() internal pure virtual returns (bytes32);

    function _requireExpired(uint40 expiry) private view {
        if (block.timestamp < expiry) revert MarketExpiryNotReached(expiry, block.timestamp);
    }
}
